import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import type { StreamSummary } from '../../../shared/contract/models';
import type { CallOptions } from '../../../shared/rpc/client';
import { selectVisibleStreams } from './streams';
import { connectionInfo, entry, makeStore, settle } from './test-support';

const summary = (key: string, length = 1): StreamSummary => ({ key, length, lastEntryId: '5-0', lastEntryTimeMs: 5, groups: 0 });

describe('streams slice', () => {
  it('shows progress while listing, then every stream sorted by key', async () => {
    let finish: (value: StreamSummary[]) => void = () => undefined;
    const list = vi.fn((_args: unknown, options?: CallOptions) => {
      options?.onCancellable?.(() => undefined);
      options?.onProgress?.({ done: 1000, message: 'Scanned 1,000 keys' });
      return new Promise<StreamSummary[]>((resolve) => (finish = resolve));
    });
    const { store } = makeStore({ streams: { list } });
    store.setState({ connection: connectionInfo() });

    const loading = store.getState().loadStreams();
    expect(store.getState().streamsStatus).toBe('loading');
    expect(store.getState().streamsProgress?.message).toBe('Scanned 1,000 keys');
    expect(store.getState().streamsCancellable).toBe(true);

    finish([summary('z'), summary('a'), summary('m')]);
    await loading;
    expect(store.getState().streams.map((stream) => stream.key)).toEqual(['a', 'm', 'z']);
    expect(store.getState().streamsStatus).toBe('ready');
    expect(store.getState().streamsProgress).toBeNull();
    expect(store.getState().streamsCancellable).toBe(false);
  });

  it('cancels a listing through the function the call handed over, without an error toast', async () => {
    const cancel = vi.fn();
    let fail: (error: unknown) => void = () => undefined;
    const list = vi.fn((_args: unknown, options?: CallOptions) => {
      options?.onCancellable?.(cancel);
      return new Promise<StreamSummary[]>((_resolve, reject) => (fail = reject));
    });
    const { store } = makeStore({ streams: { list } });
    store.setState({ connection: connectionInfo() });
    const loading = store.getState().loadStreams();
    store.getState().cancelStreams();
    expect(cancel).toHaveBeenCalledTimes(1);
    fail(new AppError('CANCELLED', 'Cancelled.'));
    await loading;
    expect(store.getState().streamsStatus).toBe('cancelled');
    expect(store.getState().toasts).toEqual([]);
  });

  it('reports a failed listing', async () => {
    const { store } = makeStore({ streams: { list: vi.fn().mockRejectedValue(new AppError('NO_PERMISSION', 'No permission to run SCAN.')) } });
    store.setState({ connection: connectionInfo() });
    await store.getState().loadStreams();
    expect(store.getState().streamsStatus).toBe('error');
    expect(store.getState().toasts[0]?.message).toBe('No permission to run SCAN.');
  });

  it('filters by key, ignoring case', () => {
    const streams = [summary('identity.user.v1'), summary('spell.user-dict.v1'), summary('Identity.user.v1.dlq')];
    expect(selectVisibleStreams({ streams, streamFilter: ' IDENTITY ' }).map((stream) => stream.key)).toEqual([
      'identity.user.v1',
      'Identity.user.v1.dlq',
    ]);
    expect(selectVisibleStreams({ streams, streamFilter: '' })).toBe(streams);
  });

  it('selecting a stream opens its entries and keeps its summary up to date', async () => {
    const entries = vi.fn().mockResolvedValue({ key: 'a', entries: [entry('9-0')], nextBefore: null, length: 7 });
    const { store } = makeStore({ streams: { entries } });
    store.setState({ connection: connectionInfo(), streams: [summary('a')] });
    store.getState().selectStream('a');
    await settle();
    expect(entries).toHaveBeenCalledWith({ connectionId: 'c1', key: 'a', count: 100 });
    expect(store.getState().streams[0]).toMatchObject({ length: 7, lastEntryId: '9-0', lastEntryTimeMs: 9 });
  });

  it('keeps the listed streams current from what the host pushes, and unsubscribes', () => {
    let push: ((value: StreamSummary[]) => void) | undefined;
    const unsubscribe = vi.fn();
    const watch = vi.fn((_args: unknown, handlers: { next: (value: StreamSummary[]) => void }) => {
      push = handlers.next;
      return unsubscribe;
    });
    const { store } = makeStore({ streams: { watch } });
    const live = (key: string, length: number): StreamSummary => ({ key, length, lastEntryId: `${length}-0`, lastEntryTimeMs: length, groups: 0 });
    store.setState({ connection: connectionInfo(), streams: [live('a', 1), live('b', 2)], streamsStatus: 'ready' });
    const stop = store.getState().watchStreams();
    expect(watch).toHaveBeenCalledWith({ connectionId: 'c1', keys: ['a', 'b'] }, expect.any(Object));
    push!([live('b', 5)]);
    expect(store.getState().streams).toEqual([live('a', 1), live('b', 5)]);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });
});
