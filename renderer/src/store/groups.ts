import type { GroupsSnapshot } from '../../../shared/contract/models';
import { streamIdTime } from '../lib/stream-id';
import { createFrameBuffer } from './frame-buffer';
import type { SliceCreator } from './types';

export interface GroupsSlice {
  /** Latest snapshot per stream key; replaced, never mutated. */
  groupsByKey: Map<string, GroupsSnapshot>;
  /** Why the live view of a stream's groups stopped, per stream key. */
  groupsErrors: Map<string, string>;
  /**
   * Subscribes to the stream's group snapshots (pushed by the host about once a second) and
   * returns the function that unsubscribes. The renderer never polls.
   */
  watchGroups(key: string): () => void;
  /** Applies a frame's worth of snapshots with one update. */
  applyGroupSnapshots(batch: ReadonlyMap<string, GroupsSnapshot>): void;
  resetGroups(): void;
}

export const createGroupsSlice: SliceCreator<GroupsSlice> = (set, get, { client, scheduleFrame }) => {
  const buffer = createFrameBuffer<string, GroupsSnapshot>(scheduleFrame, (batch) => get().applyGroupSnapshots(batch));

  return {
    groupsByKey: new Map(),
    groupsErrors: new Map(),

    watchGroups(key) {
      const connection = get().connection;
      if (!connection) return () => undefined;
      let active = true;
      set((state) => {
        if (!state.groupsErrors.has(key)) return {};
        const groupsErrors = new Map(state.groupsErrors);
        groupsErrors.delete(key);
        return { groupsErrors };
      });
      const unsubscribe = client.groups.watch(
        { connectionId: connection.id, key },
        {
          next: (snapshot) => {
            if (active) buffer.push(key, snapshot);
          },
          error: (error) => {
            if (!active) return;
            active = false;
            buffer.drop(key);
            set((state) => ({ groupsErrors: new Map(state.groupsErrors).set(key, error.message) }));
            get().reportError(error);
          },
        },
      );
      return () => {
        if (!active) return;
        active = false;
        buffer.drop(key);
        unsubscribe();
      };
    },

    applyGroupSnapshots(batch) {
      set((state) => {
        const groupsByKey = new Map(state.groupsByKey);
        for (const [key, snapshot] of batch) groupsByKey.set(key, snapshot);
        // A snapshot also says how long the stream is now: keep its line in the stream list current.
        const streams = state.streams.map((summary) => {
          const snapshot = batch.get(summary.key);
          if (!snapshot || snapshot.problem) return summary;
          const lastId = snapshot.lastEntryId;
          return { ...summary, length: snapshot.length, groups: snapshot.groups.length, lastEntryId: lastId, lastEntryTimeMs: lastId ? streamIdTime(lastId) : null };
        });
        return { groupsByKey, streams };
      });
    },

    resetGroups: () => set({ groupsByKey: new Map(), groupsErrors: new Map() }),
  };
};
