import { useRef, type KeyboardEvent } from 'react';
import { useApp } from '../store/context';
import type { RightTab } from '../store/ui';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { DetailPanel } from './detail/DetailPanel';
import { GroupsPanel } from './groups/GroupsPanel';
import { PublishPanel } from './publish/PublishPanel';

const TABS: Array<{ id: RightTab; label: string }> = [
  { id: 'detail', label: 'Detail' },
  { id: 'groups', label: 'Groups' },
  { id: 'publish', label: 'Publish' },
];

/** Detail, Groups and Publish for the selected stream; only the visible tab is mounted. */
export function RightPane() {
  const tab = useApp((state) => state.tab);
  const setTab = useApp((state) => state.setTab);
  const streamKey = useApp((state) => state.selectedKey);
  const groupCount = useApp((state) => state.streams.find((summary) => summary.key === state.selectedKey)?.groups);
  const tabRefs = useRef(new Map<RightTab, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((item) => item.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!.id;
    setTab(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <section className="pane right-pane" aria-label="Entry detail, groups and publish">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
        {TABS.map((item) => (
          <button
            key={item.id}
            ref={(element) => {
              if (element) tabRefs.current.set(item.id, element);
            }}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={`panel-${item.id}`}
            tabIndex={tab === item.id ? 0 : -1}
            className={tab === item.id ? 'tab active' : 'tab'}
            data-testid={`tab-${item.id}`}
            onClick={() => setTab(item.id)}
          >
            {item.label}
            {item.id === 'groups' && groupCount !== undefined && <span className="tab-count">{groupCount}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <ErrorBoundary area={`${tab} panel`} key={tab}>
          {tab === 'detail' && <DetailPanel />}
          {tab === 'groups' &&
            (streamKey === null ? <p className="empty">Select a stream to watch its groups.</p> : <GroupsPanel streamKey={streamKey} />)}
          {tab === 'publish' &&
            (streamKey === null ? <p className="empty">Select a stream to publish to it.</p> : <PublishPanel streamKey={streamKey} />)}
        </ErrorBoundary>
      </div>
    </section>
  );
}
