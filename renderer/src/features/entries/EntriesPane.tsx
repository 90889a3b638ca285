import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { StreamEntry } from '../../../../shared/contract/models';
import { entryPreview } from '../../lib/entry-preview';
import { formatCount, formatEntryTime, formatFullTime } from '../../lib/format';
import { compareStreamIds } from '../../lib/stream-id';
import { useApp } from '../../store/context';
import { selectCurrentEntries } from '../../store/entries';
import { ArrowUpIcon } from '../../ui/icons';
import { ValidityBadge } from './ValidityBadge';

const ROW_HEIGHT = 30;

/** The selected stream's entries, newest first, with paging both ways. */
export function EntriesPane() {
  const key = useApp((state) => state.selectedKey);
  return (
    <section className="pane entries-pane" aria-label="Entries">
      {key === null ? <p className="empty">Select a stream to see its entries.</p> : <StreamEntries streamKey={key} />}
    </section>
  );
}

function StreamEntries({ streamKey }: { streamKey: string }) {
  const current = useApp(selectCurrentEntries);
  const loadNewer = useApp((state) => state.loadNewer);
  const loadOlder = useApp((state) => state.loadOlder);
  // The stream's summary is kept current by the host (stream list and groups pushes): its length
  // now, and whether its newest entry is newer than the one on top of this list.
  const summary = useApp((state) => state.streams.find((each) => each.key === streamKey));
  const length = summary?.length ?? current?.length ?? 0;
  const newestKnown = current?.status === 'ready' ? (summary?.lastEntryId ?? null) : null;
  const hasNewer = newestKnown !== null && (current!.headId === null || compareStreamIds(newestKnown, current!.headId) > 0);
  // Exact only while lengths can tell (a capped stream keeps its length).
  const newerCount = hasNewer ? length - current!.length : 0;
  const newerLabel = !hasNewer ? 'Newer' : newerCount > 0 ? `${formatCount(newerCount)} newer` : 'Newer entries';

  return (
    <>
      <div className="pane-header">
        <h2 className="pane-title mono stream-title" title={streamKey} data-testid="entries-title">
          {streamKey}
        </h2>
        {current && current.status === 'ready' && (
          <span className="muted nowrap" data-testid="entries-length">
            {formatCount(length)} {length === 1 ? 'entry' : 'entries'}
          </span>
        )}
        <button
          type="button"
          className={hasNewer ? 'btn btn-small btn-attention' : 'btn btn-small'}
          onClick={() => void loadNewer(streamKey)}
          disabled={!current || current.status === 'loading' || current.loadingNewer}
          data-testid="load-newer"
          title="Read the newest entries again"
        >
          <ArrowUpIcon />
          {current?.loadingNewer ? 'Checking…' : newerLabel}
        </button>
      </div>
      <div className="entries-columns" aria-hidden>
        <span>ID</span>
        <span>Time</span>
        <span>Schema</span>
        <span>Event</span>
      </div>
      {!current || current.status === 'loading' ? (
        <p className="empty">Reading entries…</p>
      ) : current.status === 'error' ? (
        <p className="empty">Could not read this stream.</p>
      ) : current.entries.length === 0 ? (
        <p className="empty">This stream has no entries.</p>
      ) : (
        <EntryList entries={current.entries} />
      )}
      {current && current.status === 'ready' && current.entries.length > 0 && (
        <div className="entries-footer">
          <span className="muted">
            Showing {formatCount(current.entries.length)} of {formatCount(Math.max(length, current.entries.length))}
          </span>
          {current.nextBefore !== null ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void loadOlder(streamKey)}
              disabled={current.loadingOlder}
              data-testid="load-older"
            >
              {current.loadingOlder ? 'Loading…' : 'Load older'}
            </button>
          ) : (
            <span className="muted" data-testid="oldest-reached">
              Oldest entry reached
            </span>
          )}
        </div>
      )}
    </>
  );
}

function EntryList({ entries }: { entries: StreamEntry[] }) {
  const selectedId = useApp((state) => state.selectedEntryId);
  const selectEntry = useApp((state) => state.selectEntry);
  const moveSelection = useApp((state) => state.moveSelection);
  const setTab = useApp((state) => state.setTab);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => entries[index]!.id,
  });

  const selectedIndex = selectedId === null ? -1 : entries.findIndex((entry) => entry.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key in moves) {
      event.preventDefault();
      const delta = moves[event.key]!;
      if (Number.isFinite(delta)) moveSelection(delta);
      else selectEntry(entries[delta > 0 ? entries.length - 1 : 0]!.id);
    } else if (event.key === 'Enter' && selectedId !== null) {
      event.preventDefault();
      setTab('detail');
    }
  };

  return (
    <div
      ref={scrollRef}
      className="list-scroll entries-scroll"
      role="listbox"
      aria-label="Entries, newest first"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `entry-option-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="entries-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          return (
            <EntryRow
              key={entry.id}
              entry={entry}
              top={item.start}
              selected={entry.id === selectedId}
              onSelect={selectEntry}
              onOpen={() => setTab('detail')}
            />
          );
        })}
      </div>
    </div>
  );
}

interface EntryRowProps {
  entry: StreamEntry;
  top: number;
  selected: boolean;
  onSelect: (id: string) => void;
  onOpen: () => void;
}

const EntryRow = memo(function EntryRow({ entry, top, selected, onSelect, onOpen }: EntryRowProps) {
  const preview = entryPreview(entry);
  return (
    <div
      id={`entry-option-${entry.id}`}
      role="option"
      aria-selected={selected}
      className={selected ? 'entry-row selected' : 'entry-row'}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid={`entry-row-${entry.id}`}
      onClick={() => onSelect(entry.id)}
      onDoubleClick={onOpen}
    >
      <span className="mono entry-id">{entry.id}</span>
      <span className="mono entry-time" title={formatFullTime(entry.timeMs)}>
        {formatEntryTime(entry.timeMs)}
      </span>
      <span>
        <ValidityBadge validation={entry.validation} />
      </span>
      <span className="entry-preview">
        {preview.eventType && <span className="event-type">{preview.eventType}</span>}
        <span className="mono preview-text">{preview.text}</span>
      </span>
    </div>
  );
});
