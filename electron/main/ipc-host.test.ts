import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/errors';
import { createClient } from '../../shared/rpc/client';
import { method, subscription } from '../../shared/rpc/define';
import { object, string } from '../../shared/rpc/schema';
import { createRouter, type Sink } from '../../shared/rpc/server';
import { IPC_CHANNEL } from '../preload/channel';
import { createIpcHost, type RpcServer } from './ipc-host';

// The preload (imported below for its transport) reaches for contextBridge on load; importing the
// real 'electron' package would try to download its binary.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
const { createIpcTransport } = await import('../preload/index');

const APP_URL = pathToFileURL('/opt/stream-inspector/out/renderer/index.html').href;
const isAppUrl = (url: string) => url.split('#')[0] === APP_URL;

interface FakeFrame {
  processId: number;
  frameToken: string;
  parent: FakeFrame | null;
  url: string;
}

let nextId = 1;
class FakeWebContents extends EventEmitter {
  id = nextId++;
  destroyed = false;
  mainFrame: FakeFrame = { processId: 7, frameToken: `main-${this.id}`, parent: null, url: APP_URL };
  send = vi.fn((_channel: string, _message: unknown) => undefined);
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** The messages main sent on the RPC channel. */
  sentMessages() {
    return this.send.mock.calls.filter(([channel]) => channel === IPC_CHANNEL).map(([, message]) => message);
  }
}

/** Sends a message to main the way Electron delivers it: an event naming the sender and its frame. */
function sendFromPage(ipcMain: EventEmitter, webContents: FakeWebContents, message: unknown, frame: FakeFrame | null = webContents.mainFrame) {
  ipcMain.emit(IPC_CHANNEL, { sender: webContents, senderFrame: frame }, message);
}

const contract = {
  echo: { say: method<string>()(object({ text: string() })), fail: method<string>()(object({})) },
  ticks: { watch: subscription<number>()(object({})) },
};

function testRouter() {
  const sinks: Array<Sink<number>> = [];
  const teardown = vi.fn();
  const router = createRouter(
    contract,
    {
      echo: {
        say: ({ text }) => `you said ${text}`,
        fail: () => {
          throw new AppError('NOT_FOUND', 'No such stream.', { key: 'orders' });
        },
      },
      ticks: {
        watch: (_args, sink) => {
          sinks.push(sink);
          return teardown;
        },
      },
    },
    { compile: () => () => null, toErrorData: (error) => (error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: String(error) }) },
  );
  return { router, sinks, teardown };
}

/** A router that records its sessions without doing anything. */
function spyRouter() {
  const sessions: Array<{ close: ReturnType<typeof vi.fn> }> = [];
  const router: RpcServer = {
    serve: vi.fn(() => {
      const session = { close: vi.fn() };
      sessions.push(session);
      return session;
    }),
  };
  return { router, sessions };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let ipcMain: EventEmitter;
beforeEach(() => {
  ipcMain = new EventEmitter();
});

describe('IPC host', () => {
  it('routes a well-formed call and sends the reply on the one channel', async () => {
    const { router } = testRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);

    sendFromPage(ipcMain, webContents, { type: 'call', id: 1, method: 'echo.say', args: { text: 'hi' } });
    await settle();
    expect(webContents.send).toHaveBeenCalledWith(IPC_CHANNEL, { type: 'result', id: 1, value: 'you said hi' });
    expect(webContents.send).toHaveBeenCalledTimes(1);
  });

  it('drops messages from a frame that is not the main frame', async () => {
    const { router } = spyRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);
    const call = { type: 'call', id: 1, method: 'echo.say', args: { text: 'hi' } };

    const subframe: FakeFrame = { processId: 7, frameToken: 'child', parent: webContents.mainFrame, url: APP_URL };
    sendFromPage(ipcMain, webContents, call, subframe);
    const lookalike: FakeFrame = { ...webContents.mainFrame, frameToken: 'another-document' };
    sendFromPage(ipcMain, webContents, call, lookalike);
    sendFromPage(ipcMain, webContents, call, null);
    const disposed = Object.defineProperty({}, 'url', { get: () => { throw new Error('Render frame was disposed'); } });
    sendFromPage(ipcMain, webContents, call, disposed as FakeFrame);
    expect(router.serve).not.toHaveBeenCalled();
  });

  it('drops messages from a page that is not the app', () => {
    const { router } = spyRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);
    webContents.mainFrame.url = 'https://example.com/';
    sendFromPage(ipcMain, webContents, { type: 'call', id: 1, method: 'echo.say', args: { text: 'hi' } });
    expect(router.serve).not.toHaveBeenCalled();
  });

  it('drops messages from web contents it was not asked to serve', () => {
    const { router } = spyRouter();
    createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    sendFromPage(ipcMain, new FakeWebContents(), { type: 'call', id: 1, method: 'echo.say', args: { text: 'hi' } });
    expect(router.serve).not.toHaveBeenCalled();
  });

  it('drops malformed messages', async () => {
    const { router } = testRouter();
    const serve = vi.spyOn(router, 'serve');
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);
    for (const message of [
      null,
      'call',
      42,
      [],
      { type: 'call', method: 'echo.say', args: {} },
      { type: 'call', id: 1, args: {} },
      { type: 'call', id: 1.5, method: 'echo.say', args: {} },
      { type: 'subscribe', id: 2, args: {} },
      { type: 'result', id: 3, value: 'forged reply' },
      { type: 'eval', id: 4, code: 'process.exit()' },
    ]) {
      sendFromPage(ipcMain, webContents, message);
    }
    await settle();
    expect(serve).not.toHaveBeenCalled();
    expect(webContents.send).not.toHaveBeenCalled();
  });

  it('ends the session, and its subscriptions, when the window is destroyed', async () => {
    const { router, sinks, teardown } = testRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);
    sendFromPage(ipcMain, webContents, { type: 'subscribe', id: 5, topic: 'ticks.watch', args: {} });
    sinks[0]!.next(1);
    expect(webContents.sentMessages()).toEqual([{ type: 'event', id: 5, value: 1 }]);

    webContents.destroy();
    expect(teardown).toHaveBeenCalledTimes(1);
    sinks[0]!.next(2);
    expect(webContents.send).toHaveBeenCalledTimes(1);
    expect(webContents.listenerCount('did-navigate')).toBe(0);

    // A late message from the destroyed window opens nothing.
    const serve = vi.spyOn(router, 'serve');
    sendFromPage(ipcMain, webContents, { type: 'subscribe', id: 6, topic: 'ticks.watch', args: {} });
    expect(serve).not.toHaveBeenCalled();
  });

  it('starts a fresh session after the page reloads or its renderer crashes', () => {
    const { router, sessions } = spyRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);
    const call = { type: 'call', id: 1, method: 'echo.say', args: { text: 'hi' } };

    sendFromPage(ipcMain, webContents, call);
    sendFromPage(ipcMain, webContents, { ...call, id: 2 });
    expect(sessions).toHaveLength(1);

    webContents.emit('did-navigate');
    expect(sessions[0]!.close).toHaveBeenCalledTimes(1);
    sendFromPage(ipcMain, webContents, call);
    expect(sessions).toHaveLength(2);

    webContents.emit('render-process-gone');
    expect(sessions[1]!.close).toHaveBeenCalledTimes(1);
  });

  it('keeps windows apart', async () => {
    const { router } = testRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    host.attach(first as never);
    host.attach(second as never);
    sendFromPage(ipcMain, second, { type: 'call', id: 1, method: 'echo.say', args: { text: 'two' } });
    await settle();
    expect(first.send).not.toHaveBeenCalled();
    expect(second.sentMessages()).toEqual([{ type: 'result', id: 1, value: 'you said two' }]);
  });

  it('stops listening when disposed', () => {
    const { router, sessions } = spyRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);
    sendFromPage(ipcMain, webContents, { type: 'call', id: 1, method: 'echo.say', args: { text: 'hi' } });
    host.dispose();
    expect(ipcMain.listenerCount(IPC_CHANNEL)).toBe(0);
    expect(sessions[0]!.close).toHaveBeenCalledTimes(1);
    expect(webContents.listenerCount('destroyed')).toBe(0);
  });
});

describe('preload transport and IPC host together', () => {
  it('carries calls, errors and subscription events between a client and the router', async () => {
    const { router, sinks, teardown } = testRouter();
    const host = createIpcHost({ ipcMain: ipcMain as never, router, isAppUrl });
    const webContents = new FakeWebContents();
    host.attach(webContents as never);

    // The renderer side of Electron IPC: ipcRenderer.send reaches ipcMain with the sender attached,
    // webContents.send reaches ipcRenderer listeners with an event object first.
    const renderer = new EventEmitter();
    const ipcRenderer = {
      send: (channel: string, message: unknown) => ipcMain.emit(channel, { sender: webContents, senderFrame: webContents.mainFrame }, structuredClone(message)),
      on: (channel: string, listener: (...args: unknown[]) => void) => renderer.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => renderer.removeListener(channel, listener),
    };
    webContents.send.mockImplementation((channel, message) => {
      renderer.emit(channel, { senderId: 0 }, structuredClone(message));
    });
    const client = createClient(contract, createIpcTransport(ipcRenderer as never));

    await expect(client.echo.say({ text: 'over IPC' })).resolves.toBe('you said over IPC');
    const failure = await client.echo.fail({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'No such stream.', details: { key: 'orders' } });

    const values: number[] = [];
    const stop = client.ticks.watch({}, { next: (value) => values.push(value) });
    sinks[0]!.next(1);
    sinks[0]!.next(2);
    expect(values).toEqual([1, 2]);
    stop();
    expect(teardown).toHaveBeenCalledTimes(1);
  });
});
