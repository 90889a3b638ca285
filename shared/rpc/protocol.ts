import type { RpcErrorData } from '../contract/errors';

/** Progress of a long call, pushed while it runs. */
export interface Progress {
  /** Units done so far (keys scanned, entries read, ...). */
  done: number;
  /** Total units when known. */
  total?: number;
  /** A short human sentence: "Scanned 4,000 keys". */
  message: string;
}

/** Messages from the renderer to a host. */
export type ClientMessage =
  | { type: 'call'; id: number; method: string; args: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'subscribe'; id: number; topic: string; args: unknown }
  | { type: 'unsubscribe'; id: number };

/** Messages from a host to the renderer. */
export type ServerMessage =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: RpcErrorData }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'event'; id: number; value: unknown };

/** A bidirectional message pipe: Electron IPC, a WebSocket, or in-memory for tests. */
export interface Transport<Out, In> {
  send(message: Out): void;
  /** Registers the one message handler; returns a function that removes it. */
  onMessage(handler: (message: In) => void): () => void;
}

export type ClientTransport = Transport<ClientMessage, ServerMessage>;
export type ServerTransport = Transport<ServerMessage, ClientMessage>;

const CLIENT_TYPES = new Set(['call', 'cancel', 'subscribe', 'unsubscribe']);

/** Structural check of a message that arrived from outside (IPC or WebSocket). */
export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message.type !== 'string' || !CLIENT_TYPES.has(message.type)) return false;
  if (typeof message.id !== 'number' || !Number.isSafeInteger(message.id)) return false;
  if (message.type === 'call') return typeof message.method === 'string';
  if (message.type === 'subscribe') return typeof message.topic === 'string';
  return true;
}

const SERVER_TYPES = new Set(['result', 'error', 'progress', 'event']);

/** Structural check of a message that arrived from a host (IPC or WebSocket). */
export function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return typeof message.type === 'string' && SERVER_TYPES.has(message.type) && typeof message.id === 'number';
}
