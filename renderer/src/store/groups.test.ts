import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import type { GroupsSnapshot } from '../../../shared/contract/models';
import type { SubscriptionHandlers } from '../../../shared/rpc/client';
import { connectionInfo, makeStore } from './test-support';

const snapshot = (at: number, lag: number): GroupsSnapshot => ({
  key: 's',
  at,
  length: 10,
  lastGeneratedId: '10-0',
  lastEntryId: '10-0',
  groups: [{ name: 'g', consumers: [], pending: 0, lastDeliveredId: '1-0', entriesRead: 1, lag }],
});

function setup() {
  let handlers: SubscriptionHandlers<GroupsSnapshot> | undefined;
  const unsubscribe = vi.fn();
  const watch = vi.fn((_args: unknown, next: SubscriptionHandlers<GroupsSnapshot>) => {
    handlers = next;
    return unsubscribe;
  });
  const made = makeStore({ groups: { watch } });
  made.store.setState({ connection: connectionInfo() });
  return { ...made, watch, unsubscribe, push: () => handlers! };
}

describe('groups slice', () => {
  it('keeps the stream list line current from snapshots, but not from a paused one', () => {
    const { store, frames, push } = setup();
    store.setState({ streams: [{ key: 's', length: 3, lastEntryId: '3-0', lastEntryTimeMs: 3, groups: 0 }] });
    store.getState().watchGroups('s');
    push().next(snapshot(1, 0));
    frames.flush();
    expect(store.getState().streams[0]).toEqual({ key: 's', length: 10, lastEntryId: '10-0', lastEntryTimeMs: 10, groups: 1 });
    push().next({ ...snapshot(2, 0), length: 99, problem: 'Redis is away.' });
    frames.flush();
    expect(store.getState().streams[0]!.length).toBe(10);
    expect(store.getState().groupsByKey.get('s')!.problem).toBe('Redis is away.');
  });

  it('applies pushed snapshots once per frame, the latest winning', () => {
    const { store, frames, watch, push } = setup();
    store.getState().watchGroups('s');
    expect(watch).toHaveBeenCalledWith({ connectionId: 'c1', key: 's' }, expect.any(Object));

    const listener = vi.fn();
    store.subscribe(listener);
    push().next(snapshot(1, 5));
    push().next(snapshot(2, 6));
    push().next(snapshot(3, 7));
    expect(listener).not.toHaveBeenCalled();
    expect(frames.waiting).toBe(1);

    frames.flush();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().groupsByKey.get('s')?.at).toBe(3);
  });

  it('unsubscribes when the watcher leaves, and ignores late values', () => {
    const { store, frames, unsubscribe, push } = setup();
    const stop = store.getState().watchGroups('s');
    push().next(snapshot(1, 0));
    stop();
    stop();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    push().next(snapshot(2, 0));
    frames.flush();
    expect(store.getState().groupsByKey.has('s')).toBe(false);
  });

  it('reports a subscription that ended with an error', () => {
    const { store, push } = setup();
    store.getState().watchGroups('s');
    push().error?.(new AppError('NOT_FOUND', 'The key "s" is not a stream.'));
    expect(store.getState().groupsErrors.get('s')).toBe('The key "s" is not a stream.');
    expect(store.getState().toasts[0]?.message).toBe('The key "s" is not a stream.');
  });

  it('does not subscribe without a connection', () => {
    const { store, watch } = setup();
    store.setState({ connection: null });
    store.getState().watchGroups('s')();
    expect(watch).not.toHaveBeenCalled();
  });
});
