import { describe, expect, it, vi } from 'vitest';
import { api } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import { createClient } from '../../../shared/rpc/client';
import { createWebSocketTransport, HOST_LOST_MESSAGE, type SocketLike } from './ws-transport';

function fakeSocket() {
  const socket: SocketLike & { sent: string[]; readyState: number } = {
    readyState: 0,
    sent: [],
    send(data) {
      this.sent.push(data);
    },
    close() {},
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
  return socket;
}

describe('WebSocket transport', () => {
  it('queues calls until the socket opens, then carries replies back', async () => {
    const socket = fakeSocket();
    const client = createClient(api, createWebSocketTransport(() => socket));
    const result = client.connections.list({});
    expect(socket.sent).toEqual([]);

    socket.readyState = 1;
    socket.onopen?.({});
    expect(socket.sent.map((data) => JSON.parse(data))).toEqual([{ type: 'call', id: 1, method: 'connections.list', args: {} }]);

    socket.onmessage?.({ data: JSON.stringify({ type: 'result', id: 1, value: [] }) });
    await expect(result).resolves.toEqual([]);
  });

  it('when the host goes away, fails waiting and later calls with a clear message', async () => {
    const socket = fakeSocket();
    const transport = createWebSocketTransport(() => socket);
    const client = createClient(api, transport);
    const lost = vi.fn();
    transport.onLost(lost);
    socket.readyState = 1;
    socket.onopen?.({});

    const waiting = client.schemas.catalog({});
    const subscriptionError = vi.fn();
    client.groups.watch({ connectionId: 'c', key: 'k' }, { next: () => undefined, error: subscriptionError });
    socket.onclose?.({});

    await expect(waiting).rejects.toMatchObject({ code: 'INTERNAL', message: HOST_LOST_MESSAGE });
    expect(subscriptionError).toHaveBeenCalledWith(expect.any(AppError));
    expect(lost).toHaveBeenCalledTimes(1);
    expect(transport.lost).toBe(true);

    await expect(client.connections.list({})).rejects.toMatchObject({ message: HOST_LOST_MESSAGE });
  });

  it('ignores frames that are not protocol messages', () => {
    const socket = fakeSocket();
    const transport = createWebSocketTransport(() => socket);
    const handler = vi.fn();
    transport.onMessage(handler);
    socket.onmessage?.({ data: 'not json' });
    socket.onmessage?.({ data: '{"hello":1}' });
    expect(handler).not.toHaveBeenCalled();
  });
});
