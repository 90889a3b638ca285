import { TopBar } from './features/connection/TopBar';
import { EntriesPane } from './features/entries/EntriesPane';
import { RightPane } from './features/RightPane';
import { StreamsPane } from './features/streams/StreamsPane';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { HostLostBanner } from './ui/HostLostBanner';
import { Toasts } from './ui/Toasts';

export function App() {
  return (
    <div className="app">
      <TopBar />
      <HostLostBanner />
      <Toasts />
      <main className="panes">
        <ErrorBoundary area="streams list">
          <StreamsPane />
        </ErrorBoundary>
        <ErrorBoundary area="entries list">
          <EntriesPane />
        </ErrorBoundary>
        <RightPane />
      </main>
    </div>
  );
}
