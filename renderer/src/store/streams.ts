import { isAppError } from '../../../shared/contract/errors';
import type { EntriesPage, StreamSummary } from '../../../shared/contract/models';
import type { Progress } from '../../../shared/rpc/protocol';
import { compareStreamIds, streamIdTime } from '../lib/stream-id';
import type { AppState, SliceCreator } from './types';

export interface StreamsSlice {
  streams: StreamSummary[];
  streamsStatus: 'idle' | 'loading' | 'ready' | 'error' | 'cancelled';
  streamsProgress: Progress | null;
  /** True while a listing runs that can be cancelled. */
  streamsCancellable: boolean;
  streamFilter: string;
  selectedKey: string | null;
  /** Lists every stream key of the connection (all of them: the host scans to the end). */
  loadStreams(): Promise<void>;
  cancelStreams(): void;
  setStreamFilter(filter: string): void;
  selectStream(key: string | null): void;
  /**
   * Keeps the listed streams' lengths, newest entries and group counts current: the host pushes
   * them about every two seconds while subscribed. Returns the function that unsubscribes.
   */
  watchStreams(): () => void;
  /** Folds a freshly read page into the stream's summary (length, newest entry). */
  noteStreamPage(key: string, page: Pick<EntriesPage, 'length' | 'entries'>): void;
  resetStreams(): void;
}

/** The stream list's live refresh covers this many streams (the first in the list). */
const WATCHED_STREAMS = 1000;

export const createStreamsSlice: SliceCreator<StreamsSlice> = (set, get, { client }) => {
  let cancelListing: (() => void) | null = null;
  let listingRun = 0;

  return {
    streams: [],
    streamsStatus: 'idle',
    streamsProgress: null,
    streamsCancellable: false,
    streamFilter: '',
    selectedKey: null,

    async loadStreams() {
      const connection = get().connection;
      if (!connection) return;
      cancelListing?.();
      const run = ++listingRun;
      const current = () => run === listingRun && get().connection?.id === connection.id;
      set({ streamsStatus: 'loading', streamsProgress: null, streamsCancellable: false });
      try {
        const streams = await client.streams.list(
          { connectionId: connection.id },
          {
            onProgress: (progress) => {
              if (current()) set({ streamsProgress: progress });
            },
            onCancellable: (cancel) => {
              if (!current()) return;
              cancelListing = cancel;
              set({ streamsCancellable: true });
            },
          },
        );
        if (!current()) return;
        const sorted = [...streams].sort((a, b) => a.key.localeCompare(b.key));
        set({ streams: sorted, streamsStatus: 'ready', streamsProgress: null, streamsCancellable: false });
      } catch (error) {
        if (!current()) return;
        const cancelled = isAppError(error) && error.code === 'CANCELLED';
        set({ streamsStatus: cancelled ? 'cancelled' : 'error', streamsProgress: null, streamsCancellable: false });
        get().reportError(error);
      } finally {
        if (run === listingRun) cancelListing = null;
      }
    },

    cancelStreams() {
      cancelListing?.();
      cancelListing = null;
    },

    setStreamFilter: (streamFilter) => set({ streamFilter }),

    selectStream(key) {
      if (key === get().selectedKey) return;
      set({ selectedKey: key, selectedEntryId: null });
      if (key !== null) void get().openStream(key);
    },

    watchStreams() {
      const connection = get().connection;
      const keys = get().streams.slice(0, WATCHED_STREAMS).map((summary) => summary.key);
      if (!connection || keys.length === 0) return () => undefined;
      return client.streams.watch(
        { connectionId: connection.id, keys },
        {
          next: (fresh) => {
            if (get().connection?.id !== connection.id) return;
            const byKey = new Map(fresh.map((summary) => [summary.key, summary]));
            set((state) => ({ streams: state.streams.map((summary) => byKey.get(summary.key) ?? summary) }));
          },
          // The list keeps its last figures; a refresh subscribes again.
          error: (error) => get().reportError(error),
        },
      );
    },

    noteStreamPage(key, page) {
      set((state) => {
        const index = state.streams.findIndex((summary) => summary.key === key);
        if (index < 0) return {};
        const summary = state.streams[index]!;
        const newest = page.entries[0];
        const newer = newest && (summary.lastEntryId === null || compareStreamIds(newest.id, summary.lastEntryId) > 0);
        const next: StreamSummary = {
          ...summary,
          length: page.length,
          ...(newer ? { lastEntryId: newest.id, lastEntryTimeMs: streamIdTime(newest.id) } : {}),
        };
        const streams = [...state.streams];
        streams[index] = next;
        return { streams };
      });
    },

    resetStreams() {
      cancelListing?.();
      cancelListing = null;
      listingRun++;
      set({ streams: [], streamsStatus: 'idle', streamsProgress: null, streamsCancellable: false, selectedKey: null });
    },
  };
};

/** Streams whose key contains the filter text, ignoring case. */
export function selectVisibleStreams(state: Pick<AppState, 'streams' | 'streamFilter'>): StreamSummary[] {
  const filter = state.streamFilter.trim().toLowerCase();
  return filter ? state.streams.filter((summary) => summary.key.toLowerCase().includes(filter)) : state.streams;
}
