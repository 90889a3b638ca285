import type { EntriesPage, StreamEntry } from '../../../shared/contract/models';
import { compareStreamIds } from '../lib/stream-id';
import type { AppState, SliceCreator } from './types';

export const PAGE_SIZE = 100;

/** What the entries pane shows for one stream. */
export interface StreamEntriesState {
  /** Newest first. */
  entries: StreamEntry[];
  /** `before` for the next older page; null once the oldest entry is loaded. */
  nextBefore: string | null;
  /** XLEN at the last read. */
  length: number;
  status: 'loading' | 'ready' | 'error';
  loadingOlder: boolean;
  loadingNewer: boolean;
  /**
   * Newest ID of the run read contiguously from the stream's head. Entries published from this
   * window are inserted above it without a read, so "newer" knows whether a fresh first page
   * joins the list or leaves a gap.
   */
  headId: string | null;
}

export interface EntriesSlice {
  /** Per stream key; replaced, never mutated. */
  entriesByKey: Map<string, StreamEntriesState>;
  selectedEntryId: string | null;
  /** Shows a stream: first page when new, otherwise what is cached plus anything newer. */
  openStream(key: string): Promise<void>;
  loadOlder(key: string): Promise<void>;
  /** Replaces an entry whose long values were cut in its page by the whole entry. */
  loadWholeEntry(key: string, id: string): Promise<void>;
  loadNewer(key: string): Promise<void>;
  selectEntry(id: string | null): void;
  /** Moves the selection up (-1) or down (+1) the selected stream's list. */
  moveSelection(delta: number): void;
  /** Puts an entry published from this window in place and selects it. */
  insertPublishedEntry(key: string, entry: StreamEntry): void;
  resetEntries(): void;
}

const byNewestFirst = (a: StreamEntry, b: StreamEntry) => compareStreamIds(b.id, a.id);

/** Union of two newest-first lists, without duplicates, newest first. */
export function mergeEntries(a: StreamEntry[], b: StreamEntry[]): StreamEntry[] {
  const byId = new Map<string, StreamEntry>();
  for (const entry of a) byId.set(entry.id, entry);
  for (const entry of b) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  return [...byId.values()].sort(byNewestFirst);
}

const fromPage = (page: EntriesPage): StreamEntriesState => ({
  entries: page.entries,
  nextBefore: page.nextBefore,
  length: page.length,
  status: 'ready',
  loadingOlder: false,
  loadingNewer: false,
  headId: page.entries[0]?.id ?? null,
});

/** Joins a fresh first page to what is shown, or replaces it when the two do not meet. */
export function joinFirstPage(current: StreamEntriesState, page: EntriesPage): StreamEntriesState {
  const oldestOfPage = page.entries.at(-1);
  const meets =
    current.headId !== null &&
    (page.nextBefore === null || (oldestOfPage !== undefined && compareStreamIds(oldestOfPage.id, current.headId) <= 0));
  if (!meets) return fromPage(page);
  const newestOfPage = page.entries[0];
  const shown = new Map(current.entries.map((entry) => [entry.id, entry]));
  // An entry already loaded whole stays whole when the page brings its cut version again.
  const fresh = page.entries.map((entry) => {
    const before = shown.get(entry.id);
    return before && isWhole(before) && !isWhole(entry) ? before : entry;
  });
  // Within the range the fresh page covers it is the truth (entries deleted since are gone); what
  // is newer than the page (published meanwhile) and older than it is kept as it was.
  const newer = newestOfPage ? current.entries.filter((entry) => compareStreamIds(entry.id, newestOfPage.id) > 0) : [];
  const older =
    page.nextBefore === null || oldestOfPage === undefined ? [] : current.entries.filter((entry) => compareStreamIds(entry.id, oldestOfPage.id) < 0);
  const entries = [...newer, ...fresh, ...older];
  return {
    ...current,
    entries,
    length: page.length,
    status: 'ready',
    loadingNewer: false,
    headId: entries[0]?.id ?? null,
  };
}

const isWhole = (entry: StreamEntry): boolean => entry.fields.every((field) => field.value.truncatedFrom === undefined && field.name.truncatedFrom === undefined);

export const createEntriesSlice: SliceCreator<EntriesSlice> = (set, get, { client }) => {
  const update = (key: string, change: (current: StreamEntriesState) => StreamEntriesState) =>
    set((state) => {
      const current = state.entriesByKey.get(key);
      if (!current) return {};
      const entriesByKey = new Map(state.entriesByKey);
      entriesByKey.set(key, change(current));
      return { entriesByKey };
    });
  const put = (key: string, value: StreamEntriesState) =>
    set((state) => ({ entriesByKey: new Map(state.entriesByKey).set(key, value) }));

  /** True while the answer still belongs to what is on screen. */
  const stillCurrent = (connectionId: string, key: string) =>
    get().connection?.id === connectionId && get().entriesByKey.has(key);

  return {
    entriesByKey: new Map(),
    selectedEntryId: null,

    async openStream(key) {
      if (get().entriesByKey.has(key)) return get().loadNewer(key);
      const connection = get().connection;
      if (!connection) return;
      put(key, { entries: [], nextBefore: null, length: 0, status: 'loading', loadingOlder: false, loadingNewer: false, headId: null });
      try {
        const page = await client.streams.entries({ connectionId: connection.id, key, count: PAGE_SIZE });
        if (!stillCurrent(connection.id, key)) return;
        put(key, fromPage(page));
        get().noteStreamPage(key, page);
      } catch (error) {
        if (!stillCurrent(connection.id, key)) return;
        update(key, (current) => ({ ...current, status: 'error' }));
        get().reportError(error);
      }
    },

    async loadOlder(key) {
      const connection = get().connection;
      const current = get().entriesByKey.get(key);
      if (!connection || !current || current.loadingOlder || current.nextBefore === null) return;
      update(key, (state) => ({ ...state, loadingOlder: true }));
      try {
        const page = await client.streams.entries({ connectionId: connection.id, key, before: current.nextBefore, count: PAGE_SIZE });
        if (!stillCurrent(connection.id, key)) return;
        update(key, (state) => ({
          ...state,
          entries: mergeEntries(state.entries, page.entries),
          nextBefore: page.nextBefore,
          length: page.length,
          loadingOlder: false,
        }));
      } catch (error) {
        if (!stillCurrent(connection.id, key)) return;
        update(key, (state) => ({ ...state, loadingOlder: false }));
        get().reportError(error);
      }
    },

    async loadWholeEntry(key, id) {
      const connection = get().connection;
      if (!connection) return;
      try {
        const whole = await client.streams.entry({ connectionId: connection.id, key, id });
        if (!stillCurrent(connection.id, key)) return;
        update(key, (state) => ({ ...state, entries: state.entries.map((existing) => (existing.id === id ? whole : existing)) }));
      } catch (error) {
        get().reportError(error);
      }
    },

    async loadNewer(key) {
      const connection = get().connection;
      const current = get().entriesByKey.get(key);
      if (!connection || !current || current.loadingNewer) return;
      update(key, (state) => ({ ...state, loadingNewer: true }));
      try {
        const page = await client.streams.entries({ connectionId: connection.id, key, count: PAGE_SIZE });
        if (!stillCurrent(connection.id, key)) return;
        update(key, (state) => joinFirstPage(state, page));
        get().noteStreamPage(key, page);
      } catch (error) {
        if (!stillCurrent(connection.id, key)) return;
        update(key, (state) => ({ ...state, loadingNewer: false }));
        get().reportError(error);
      }
    },

    selectEntry: (selectedEntryId) => set({ selectedEntryId }),

    moveSelection(delta) {
      const list = selectCurrentEntries(get())?.entries;
      if (!list || list.length === 0) return;
      const selected = get().selectedEntryId;
      const index = selected === null ? -1 : list.findIndex((entry) => entry.id === selected);
      const next = index < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + delta));
      set({ selectedEntryId: list[next]!.id });
    },

    insertPublishedEntry(key, entry) {
      const current = get().entriesByKey.get(key);
      if (current && !current.entries.some((existing) => existing.id === entry.id)) {
        update(key, (state) => ({ ...state, entries: mergeEntries([entry], state.entries), length: state.length + 1 }));
      }
      const knownLength = current?.length ?? get().streams.find((summary) => summary.key === key)?.length ?? 0;
      get().noteStreamPage(key, { length: knownLength + 1, entries: [entry] });
      if (get().selectedKey === key) set({ selectedEntryId: entry.id });
      // Others may have written since the list was read: fetch the newest page so no entry between
      // what was shown and the published one is missing.
      if (current) void get().loadNewer(key);
    },

    resetEntries: () => set({ entriesByKey: new Map(), selectedEntryId: null }),
  };
};

/** The entries state of the selected stream, if any. */
export const selectCurrentEntries = (state: Pick<AppState, 'entriesByKey' | 'selectedKey'>): StreamEntriesState | undefined =>
  state.selectedKey === null ? undefined : state.entriesByKey.get(state.selectedKey);

/** The selected entry object, if it is loaded. */
export function selectSelectedEntry(state: Pick<AppState, 'entriesByKey' | 'selectedKey' | 'selectedEntryId'>): StreamEntry | undefined {
  if (state.selectedEntryId === null) return undefined;
  return selectCurrentEntries(state)?.entries.find((entry) => entry.id === state.selectedEntryId);
}
