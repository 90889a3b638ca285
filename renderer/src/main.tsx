import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './api/client';
import { App } from './App';
import { StoreProvider } from './store/context';
import { createAppStore } from './store/create';
import type { KeyValueStorage } from './store/types';
import './styles.css';

/** localStorage, or nothing when the browser refuses it (drafts then live for the session only). */
function localStorageOrNull(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const host = connectToHost();
const store = createAppStore({
  client: host.client,
  storage: localStorageOrNull(),
  scheduleFrame: (callback) => void requestAnimationFrame(() => callback()),
  now: () => Date.now(),
});

host.onLost((message) => store.getState().markHostLost(message));
// Nothing fails silently: a promise nobody awaited still shows its message.
window.addEventListener('unhandledrejection', (event) => store.getState().reportError(event.reason));

void store.getState().adoptOpenConnection();
void store.getState().loadCatalog();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
