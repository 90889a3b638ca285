/**
 * Consumer-group snapshots, read in one pipelined round trip: XINFO STREAM, XINFO GROUPS and
 * XINFO CONSUMERS for every group seen last time. A group that appears between ticks costs one
 * extra round trip, once. Watchers are shared per stream and stop when the last subscriber leaves.
 */
import { AppError } from '../../../shared/contract/errors';
import type { GroupsSnapshot } from '../../../shared/contract/models';
import type { Sink } from '../../../shared/rpc/server';
import type { ConnectionService } from '../connections/service';
import { toAppError } from '../errors';
import { buildSnapshot, groupNames } from './parse';

export const DEFAULT_WATCH_INTERVAL_MS = 1000;

interface Watcher {
  sinks: Set<Sink<GroupsSnapshot>>;
  timer: NodeJS.Timeout | undefined;
  stopped: boolean;
}

export class GroupService {
  /** Group names seen at the last read, per connection and stream: what the next pipeline asks about. */
  private readonly knownGroups = new Map<string, string[]>();
  private readonly watchers = new Map<string, Watcher>();

  constructor(private readonly connections: ConnectionService) {
    connections.onClose((connectionId) => {
      for (const [id, watcher] of this.watchers) {
        if (id.startsWith(`${connectionId}\u0000`)) {
          const closed = new AppError('NOT_CONNECTED', 'The connection was closed, so the live view stopped. Connect again to resume.');
          watcher.sinks.forEach((sink) => sink.error(closed));
          this.stop(id);
        }
      }
      for (const id of this.knownGroups.keys()) if (id.startsWith(`${connectionId}\u0000`)) this.knownGroups.delete(id);
    });
  }

  async snapshot(connectionId: string, key: string): Promise<GroupsSnapshot> {
    const redis = this.connections.reader(connectionId);
    const cacheKey = `${connectionId}\u0000${key}`;
    try {
      const known = this.knownGroups.get(cacheKey) ?? [];
      const pipeline = redis.pipeline().xinfo('STREAM', key).xinfo('GROUPS', key);
      known.forEach((group) => pipeline.xinfo('CONSUMERS', key, group));
      const [[streamError, streamReply], [groupsError, groupsReply], ...consumerResults] = (await pipeline.exec()) ?? [];
      if (streamError) throw streamError;
      if (groupsError) throw groupsError;
      // Groups are taken from this tick's XINFO GROUPS; a group known last tick may be gone (its
      // XINFO CONSUMERS then fails with NOGROUP) and is simply no longer asked about.
      const names = groupNames(groupsReply);
      const consumers = new Map<string, unknown>();
      known.forEach((group, index) => {
        const [error, reply] = consumerResults[index] ?? [];
        if (!error && names.includes(group)) consumers.set(group, reply);
      });
      const missing = names.filter((name) => !consumers.has(name));
      if (missing.length) {
        const extra = redis.pipeline();
        missing.forEach((group) => extra.xinfo('CONSUMERS', key, group));
        const extraResults = (await extra.exec()) ?? [];
        missing.forEach((group, index) => {
          const [error, reply] = extraResults[index] ?? [];
          consumers.set(group, error ? [] : reply);
        });
      }
      this.knownGroups.set(cacheKey, names);
      return buildSnapshot({ key, at: Date.now(), stream: streamReply, groups: groupsReply, consumers });
    } catch (error) {
      throw toAppError(error, this.connections.target(connectionId));
    }
  }

  /** Pushes a snapshot now and then every `intervalMs` until the returned teardown runs. */
  watch(connectionId: string, key: string, intervalMs: number, sink: Sink<GroupsSnapshot>): () => void {
    this.connections.reader(connectionId); // fail now, not on the first tick, if the connection is gone
    const id = `${connectionId}\u0000${key}\u0000${intervalMs}`;
    let watcher = this.watchers.get(id);
    if (!watcher) {
      const created: Watcher = { sinks: new Set(), timer: undefined, stopped: false };
      this.watchers.set(id, created);
      let last: GroupsSnapshot = { key, at: Date.now(), length: 0, lastGeneratedId: '0-0', lastEntryId: null, groups: [] };
      const tick = async () => {
        try {
          last = await this.snapshot(connectionId, key);
          if (created.stopped) return;
          created.sinks.forEach((each) => each.next(last));
        } catch (error) {
          if (created.stopped) return;
          const failure = toAppError(error);
          if (failure.code === 'NOT_CONNECTED' || failure.code === 'NO_PERMISSION') {
            // Nothing a retry can mend: end the subscription with the reason.
            created.sinks.forEach((each) => each.error(failure));
            this.stop(id);
            return;
          }
          // Redis away, stream deleted, …: say so with the last good data, and keep trying.
          created.sinks.forEach((each) => each.next({ ...last, problem: failure.message }));
        }
        if (!created.stopped) created.timer = setTimeout(tick, intervalMs);
      };
      void tick();
      watcher = created;
    }
    // A later subscriber to a running watcher gets its next tick, within one interval.
    watcher.sinks.add(sink);
    return () => {
      const current = this.watchers.get(id);
      if (!current) return;
      current.sinks.delete(sink);
      if (current.sinks.size === 0) this.stop(id);
    };
  }

  /** Number of running watchers, for tests and diagnostics. */
  get activeWatchers(): number {
    return this.watchers.size;
  }

  dispose() {
    [...this.watchers.keys()].forEach((id) => this.stop(id));
  }

  private stop(id: string) {
    const watcher = this.watchers.get(id);
    if (!watcher) return;
    watcher.stopped = true;
    clearTimeout(watcher.timer);
    this.watchers.delete(id);
  }
}
