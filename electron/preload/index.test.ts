import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { api } from '../../shared/contract/api';
import { listSpecs } from '../../shared/rpc/define';
import type { ClientMessage } from '../../shared/rpc/protocol';
import { BRIDGE_KEY, findBridge, type StreamInspectorBridge } from '../../shared/rpc/window';
import { IPC_CHANNEL } from './channel';

// A stand-in for the renderer side of Electron: what the preload exposes, and the IPC it uses.
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const incoming = new EventEmitter();
  return {
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      incoming,
      send: vi.fn(),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => incoming.on(channel, listener)),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => incoming.removeListener(channel, listener)),
    },
  };
});

type Mocked = {
  contextBridge: { exposeInMainWorld: ReturnType<typeof vi.fn> };
  ipcRenderer: { incoming: EventEmitter; send: ReturnType<typeof vi.fn>; on: ReturnType<typeof vi.fn> };
};
const electron = (await import('electron')) as unknown as Mocked;

let exposed: StreamInspectorBridge;
beforeAll(async () => {
  await import('./index');
  exposed = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as StreamInspectorBridge;
});

/** The last message the preload sent to main. */
const lastSent = () => electron.ipcRenderer.send.mock.calls.at(-1) as [string, ClientMessage];
/** A reply from main as Electron delivers it: an IPC event object first, then the message. */
const replyFromMain = (message: unknown) => electron.ipcRenderer.incoming.emit(IPC_CHANNEL, { sender: 'ipc-event-object', ports: [] }, message);

describe('preload', () => {
  it('exposes exactly one key on the page', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe(BRIDGE_KEY);
    expect(findBridge({ [BRIDGE_KEY]: exposed })).toBe(exposed);
  });

  it('exposes every contract member as a function, and nothing else', () => {
    const expected = Object.fromEntries(Object.entries(api).map(([domain, specs]) => [domain, Object.keys(specs).sort()]));
    const actual = Object.fromEntries(Object.entries(exposed).map(([domain, members]) => [domain, Object.keys(members as object).sort()]));
    expect(actual).toEqual(expected);
    for (const [domain, name] of listSpecs(api)) {
      expect(typeof (exposed as unknown as Record<string, Record<string, unknown>>)[domain]![name]).toBe('function');
    }
  });

  it('sends calls on the one channel and resolves them with the reply, without the IPC event', async () => {
    const pending = exposed.connections.list({});
    const [channel, message] = lastSent();
    expect(channel).toBe(IPC_CHANNEL);
    expect(message).toEqual({ type: 'call', id: expect.any(Number), method: 'connections.list', args: {} });

    replyFromMain({ type: 'result', id: message.id, value: [] });
    await expect(pending).resolves.toEqual({ ok: true, value: [] });
  });

  it('turns an error reply into error data that survives contextBridge', async () => {
    const pending = exposed.streams.list({ connectionId: 'c1' });
    const [, message] = lastSent();
    replyFromMain({ type: 'error', id: message.id, error: { code: 'NOT_CONNECTED', message: 'Connection c1 is closed.' } });
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'NOT_CONNECTED', message: 'Connection c1 is closed.' } });
  });

  it('delivers subscription events and unsubscribes', () => {
    const values: unknown[] = [];
    const stop = exposed.groups.watch({ connectionId: 'c1', key: 'orders' }, { next: (value) => values.push(value) });
    const [, subscribe] = lastSent();
    expect(subscribe).toMatchObject({ type: 'subscribe', topic: 'groups.watch', args: { connectionId: 'c1', key: 'orders' } });

    replyFromMain({ type: 'event', id: subscribe.id, value: { groups: [] } });
    replyFromMain('not a message');
    replyFromMain(null);
    expect(values).toEqual([{ groups: [] }]);

    stop();
    expect(lastSent()).toEqual([IPC_CHANNEL, { type: 'unsubscribe', id: subscribe.id }]);
  });

  it('listens on the one channel only', () => {
    const channels = new Set(electron.ipcRenderer.on.mock.calls.map(([channel]) => channel));
    expect([...channels]).toEqual([IPC_CHANNEL]);
    const sentChannels = new Set(electron.ipcRenderer.send.mock.calls.map(([channel]) => channel));
    expect([...sentChannels]).toEqual([IPC_CHANNEL]);
  });
});
