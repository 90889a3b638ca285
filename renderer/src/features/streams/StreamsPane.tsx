import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { StreamSummary } from '../../../../shared/contract/models';
import { formatCount, formatRelative } from '../../lib/format';
import { useApp, useAppStore } from '../../store/context';
import { selectVisibleStreams } from '../../store/streams';
import { useNow } from '../../ui/clock';
import { RefreshIcon, SearchIcon } from '../../ui/icons';

const ROW_HEIGHT = 50;

/** Every stream key of the connection, with a filter, refresh and listing progress. */
export function StreamsPane() {
  const connected = useApp((state) => state.connection !== null);
  const status = useApp((state) => state.streamsStatus);
  const count = useApp((state) => state.streams.length);
  const loadStreams = useApp((state) => state.loadStreams);
  const filter = useApp((state) => state.streamFilter);
  const setFilter = useApp((state) => state.setStreamFilter);
  const watchStreams = useApp((state) => state.watchStreams);
  const selectStream = useApp((state) => state.selectStream);
  const getState = useAppStore().getState;
  // Which streams are listed (not their figures): the live refresh restarts only when this changes.
  const listedKeys = useApp((state) => state.streams.map((summary) => summary.key).join('\n'));

  // Pushed by the host while the list is shown; never polled from here.
  useEffect(() => (status === 'ready' && listedKeys ? watchStreams() : undefined), [status, listedKeys, watchStreams]);

  return (
    <aside className="pane streams-pane" aria-label="Streams">
      <div className="pane-header">
        <h2 className="pane-title">
          Streams {status === 'ready' && <span className="count">{formatCount(count)}</span>}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Refresh streams"
          title="Refresh streams"
          data-testid="streams-refresh"
          onClick={() => void loadStreams()}
          disabled={!connected || status === 'loading'}
        >
          <RefreshIcon />
        </button>
      </div>
      <div className="filter">
        <SearchIcon />
        <input
          className="input"
          type="search"
          placeholder="Filter streams"
          aria-label="Filter streams"
          data-testid="streams-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            // Enter opens the first match, so filter-then-open needs no Tab.
            if (event.key !== 'Enter') return;
            const first = selectVisibleStreams(getState())[0];
            if (first) selectStream(first.key);
          }}
          disabled={!connected}
        />
      </div>
      <ListingProgress />
      <StreamList />
    </aside>
  );
}

function ListingProgress() {
  const status = useApp((state) => state.streamsStatus);
  const progress = useApp((state) => state.streamsProgress);
  const cancellable = useApp((state) => state.streamsCancellable);
  const cancel = useApp((state) => state.cancelStreams);
  if (status !== 'loading') return null;
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <div className="listing-progress" role="status" data-testid="streams-progress">
      <div className="progress-track" aria-hidden>
        <div
          className={fraction === null ? 'progress-bar indeterminate' : 'progress-bar'}
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
      <div className="progress-row">
        <span className="muted">{progress?.message ?? 'Listing streams…'}</span>
        {cancellable && (
          <button type="button" className="btn btn-small" onClick={cancel} data-testid="streams-cancel">
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}

function StreamList() {
  const streams = useApp((state) => state.streams);
  const filter = useApp((state) => state.streamFilter);
  const status = useApp((state) => state.streamsStatus);
  const connected = useApp((state) => state.connection !== null);
  const selectedKey = useApp((state) => state.selectedKey);
  const selectStream = useApp((state) => state.selectStream);
  const visible = useMemo(() => selectVisibleStreams({ streams, streamFilter: filter }), [streams, filter]);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const selectedIndex = visible.findIndex((summary) => summary.key === selectedKey);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (visible.length === 0) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    let next: number | undefined;
    if (step !== undefined) next = selectedIndex < 0 ? 0 : Math.max(0, Math.min(visible.length - 1, selectedIndex + step));
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = visible.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    selectStream(visible[next]!.key);
  };

  let empty: string | null = null;
  if (!connected) empty = 'Connect to a Redis server to see its streams.';
  else if (status === 'ready' && streams.length === 0) empty = 'No streams on this server.';
  else if (status === 'cancelled' && streams.length === 0) empty = 'Listing cancelled. Refresh to try again.';
  else if (status === 'error' && streams.length === 0) empty = 'Could not list the streams.';
  else if (visible.length === 0 && streams.length > 0) empty = `No stream matches “${filter.trim()}”.`;

  if (empty) return <p className="empty">{empty}</p>;

  return (
    <div
      ref={scrollRef}
      className="list-scroll"
      role="listbox"
      aria-label="Stream keys"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `stream-option-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="streams-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const summary = visible[item.index]!;
          return (
            <StreamRow
              key={summary.key}
              id={`stream-option-${item.index}`}
              summary={summary}
              selected={summary.key === selectedKey}
              now={now}
              top={item.start}
              onSelect={() => selectStream(summary.key)}
            />
          );
        })}
      </div>
    </div>
  );
}

interface StreamRowProps {
  id: string;
  summary: StreamSummary;
  selected: boolean;
  now: number;
  top: number;
  onSelect: () => void;
}

function StreamRow({ id, summary, selected, now, top, onSelect }: StreamRowProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      className={selected ? 'stream-row selected' : 'stream-row'}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid={`stream-item-${summary.key}`}
      onClick={onSelect}
      title={summary.key}
    >
      <div className="stream-key mono">{summary.key}</div>
      <div className="stream-meta">
        <span data-testid="stream-length">{formatCount(summary.length)} entries</span>
        <span aria-hidden>·</span>
        <span title={summary.lastEntryId ?? undefined}>
          {summary.lastEntryTimeMs === null ? 'empty' : formatRelative(summary.lastEntryTimeMs, now)}
        </span>
        <span aria-hidden>·</span>
        <span>
          {summary.groups} {summary.groups === 1 ? 'group' : 'groups'}
        </span>
      </div>
    </div>
  );
}
