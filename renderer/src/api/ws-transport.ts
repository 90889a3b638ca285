/**
 * The RPC protocol over a WebSocket to the browser host. Messages are JSON text frames. Sends made
 * before the socket opens are queued. When the socket closes, every call still waiting and every
 * live subscription is ended with an error, and later calls fail at once: the host has gone away
 * (or restarted with a new token), so the page has to be reloaded.
 */
import type { RpcErrorData } from '../../../shared/contract/errors';
import { isServerMessage, type ClientMessage, type ClientTransport, type ServerMessage } from '../../../shared/rpc/protocol';

export const HOST_LOST_MESSAGE = 'Lost connection to the Stream Inspector host — restart it and reload this page.';

/** The part of the DOM WebSocket this transport uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface WebSocketTransport extends ClientTransport {
  /** Calls `listener` once when the host connection is gone for good. */
  onLost(listener: () => void): () => void;
  readonly lost: boolean;
}

const OPEN = 1;

export function createWebSocketTransport(openSocket: () => SocketLike): WebSocketTransport {
  const socket = openSocket();
  const queue: string[] = [];
  /** Calls and subscriptions that may still receive messages. */
  const open = new Set<number>();
  const lostListeners = new Set<() => void>();
  let handler: ((message: ServerMessage) => void) | undefined;
  let lost = false;

  const lostError: RpcErrorData = { code: 'INTERNAL', message: HOST_LOST_MESSAGE };

  const deliver = (message: ServerMessage) => {
    if (message.type === 'result' || message.type === 'error') open.delete(message.id);
    handler?.(message);
  };

  const markLost = () => {
    if (lost) return;
    lost = true;
    queue.length = 0;
    const ids = [...open];
    open.clear();
    for (const id of ids) handler?.({ type: 'error', id, error: lostError });
    for (const listener of lostListeners) listener();
  };

  socket.onopen = () => {
    for (const data of queue.splice(0)) socket.send(data);
  };
  socket.onmessage = (event) => {
    if (typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return; // not ours: the host only sends JSON
    }
    if (isServerMessage(message)) deliver(message);
  };
  socket.onclose = markLost;
  socket.onerror = markLost;

  return {
    get lost() {
      return lost;
    },
    send(message: ClientMessage) {
      if (message.type === 'call' || message.type === 'subscribe') open.add(message.id);
      if (message.type === 'unsubscribe') open.delete(message.id);
      if (lost) {
        if (message.type === 'call' || message.type === 'subscribe') {
          const id = message.id;
          open.delete(id);
          // Asynchronously, like a real reply, so the caller has registered its promise.
          void Promise.resolve().then(() => handler?.({ type: 'error', id, error: lostError }));
        }
        return;
      }
      const data = JSON.stringify(message);
      if (socket.readyState === OPEN) socket.send(data);
      else queue.push(data);
    },
    onMessage(next) {
      handler = next;
      return () => {
        if (handler === next) handler = undefined;
      };
    },
    onLost(listener) {
      if (lost) {
        listener();
        return () => undefined;
      }
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
  };
}
