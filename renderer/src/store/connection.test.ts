import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { connectionInfo, makeStore, settle } from './test-support';

describe('connection slice', () => {
  it('connects, then lists the streams of the new connection', async () => {
    const connect = vi.fn().mockResolvedValue(connectionInfo('c1'));
    const list = vi.fn().mockResolvedValue([{ key: 'b', length: 1, lastEntryId: '1-0', lastEntryTimeMs: 1, groups: 0 }]);
    const { store } = makeStore({ connections: { connect }, streams: { list } });

    expect(await store.getState().connect(' redis://localhost:6379 ', true)).toBe(true);
    await settle();

    expect(connect).toHaveBeenCalledWith({ url: 'redis://localhost:6379', readOnly: true });
    expect(store.getState().connection?.id).toBe('c1');
    expect(list).toHaveBeenCalledWith({ connectionId: 'c1' }, expect.any(Object));
    expect(store.getState().streams.map((summary) => summary.key)).toEqual(['b']);
  });

  it('reports a failed connect with the message from the host', async () => {
    const connect = vi.fn().mockRejectedValue(new AppError('CONNECTION_REFUSED', 'Nothing listens at 127.0.0.1:1.'));
    const { store } = makeStore({ connections: { connect }, streams: { list: vi.fn().mockResolvedValue([]) } });
    expect(await store.getState().connect('redis://127.0.0.1:1', false)).toBe(false);
    expect(store.getState().connection).toBeNull();
    expect(store.getState().connectStatus).toBe('idle');
    expect(store.getState().toasts[0]?.message).toBe('Nothing listens at 127.0.0.1:1.');

    connect.mockResolvedValueOnce(connectionInfo());
    await store.getState().connect('redis://127.0.0.1:6379', false);
    expect(store.getState().toasts).toEqual([]);
  });

  it('disconnects and forgets everything read through the connection', async () => {
    const disconnect = vi.fn().mockResolvedValue(undefined);
    const { store } = makeStore({
      connections: { connect: vi.fn().mockResolvedValue(connectionInfo()), disconnect },
      streams: { list: vi.fn().mockResolvedValue([]), entries: vi.fn().mockResolvedValue({ key: 'k', entries: [], nextBefore: null, length: 0 }) },
    });
    await store.getState().connect('redis://x', false);
    store.getState().selectStream('k');
    await settle();
    await store.getState().disconnect();
    expect(disconnect).toHaveBeenCalledWith({ connectionId: 'c1' });
    const state = store.getState();
    expect(state.connection).toBeNull();
    expect(state.selectedKey).toBeNull();
    expect(state.entriesByKey.size).toBe(0);
  });

  it('adopts a connection the host opened at start', async () => {
    const { store } = makeStore({
      connections: { list: vi.fn().mockResolvedValue([connectionInfo('old'), connectionInfo('new')]) },
      streams: { list: vi.fn().mockResolvedValue([]) },
    });
    await store.getState().adoptOpenConnection();
    expect(store.getState().connection?.id).toBe('new');
  });
});
