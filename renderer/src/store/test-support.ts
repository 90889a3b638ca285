/**
 * Helpers for the store's unit tests: a fake client with just the methods a test needs, a manual
 * frame scheduler and an in-memory storage. No DOM, no transport.
 */
import type { ConnectionInfo, StreamEntry } from '../../../shared/contract/models';
import { createAppStore } from './create';
import type { AppClient, KeyValueStorage } from './types';

type DeepPartial<T> = { [K in keyof T]?: Partial<T[K]> };

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

export function manualFrames() {
  const callbacks: Array<() => void> = [];
  return {
    schedule: (callback: () => void) => void callbacks.push(callback),
    get waiting() {
      return callbacks.length;
    },
    flush() {
      for (const callback of callbacks.splice(0)) callback();
    },
  };
}

export function makeStore(client: DeepPartial<AppClient>, options: { storage?: KeyValueStorage; now?: () => number } = {}) {
  const frames = manualFrames();
  const storage = options.storage ?? memoryStorage();
  const store = createAppStore({
    client: client as unknown as AppClient,
    storage,
    scheduleFrame: frames.schedule,
    now: options.now ?? (() => 1_000_000),
  });
  return { store, frames, storage };
}

export const connectionInfo = (id = 'c1'): ConnectionInfo => ({
  id,
  label: 'redis://127.0.0.1:6379',
  host: '127.0.0.1',
  port: 6379,
  db: 0,
  tls: false,
  username: null,
  readOnly: false,
  server: { version: '7.0.15', mode: 'standalone' },
});

export const entry = (id: string, text = `{"eventType":"user.created","payload":{"n":"${id}"}}`): StreamEntry => ({
  id,
  timeMs: Number(id.split('-')[0]),
  fields: [{ name: { kind: 'text', text: 'event' }, value: { kind: 'text', text } }],
  validation: { status: 'valid', eventType: 'user.created' },
});

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
