import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The app lifecycle with Electron, the window and the core replaced by recorders.
const state = vi.hoisted(() => ({
  order: [] as string[],
  lock: true,
  windows: [] as unknown[],
  connectError: undefined as Error | undefined,
  schemaProblems: [] as string[],
  coreError: undefined as Error | undefined,
  packaged: false,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    whenReady: vi.fn(() => Promise.resolve()),
    getAppPath: () => '/work/app',
    quit: vi.fn(() => state.order.push('quit')),
    exit: vi.fn(),
  });
  Object.defineProperty(app, 'isPackaged', { get: () => state.packaged });
  return {
    app,
    ipcMain: new EventEmitter(),
    dialog: { showErrorBox: vi.fn() },
    BrowserWindow: { getAllWindows: () => state.windows },
  };
});

vi.mock('./window', async () => {
  const { EventEmitter } = await import('node:events');
  const actual = await vi.importActual<typeof import('./window')>('./window');
  return {
    rendererSource: actual.rendererSource,
    isAppUrl: actual.isAppUrl,
    createMainWindow: vi.fn(() => {
      state.order.push('window');
      const window = Object.assign(new EventEmitter(), {
        webContents: Object.assign(new EventEmitter(), { id: state.windows.length + 1 }),
        isMinimized: () => false,
        restore: vi.fn(),
        focus: vi.fn(),
      });
      state.windows.push(window);
      return window;
    }),
  };
});

vi.mock('../core/index', () => ({
  createCore: vi.fn(async ({ schemasDir }: { schemasDir: string }) => {
    state.order.push(`core ${schemasDir}`);
    if (state.coreError) throw state.coreError;
    return {
      router: { serve: vi.fn(() => ({ close: vi.fn() })) },
      services: { schemas: { catalog: () => ({ problems: state.schemaProblems }) } },
      connections: {
        connect: vi.fn(async ({ url }: { url: string }) => {
          state.order.push(`connect ${url}`);
          if (state.connectError) throw state.connectError;
          return { id: 'c1' };
        }),
      },
      dispose: vi.fn(async () => {
        state.order.push('dispose');
      }),
    };
  }),
}));

type FakeApp = EventEmitter & { quit: ReturnType<typeof vi.fn>; exit: ReturnType<typeof vi.fn>; whenReady: ReturnType<typeof vi.fn> };

const savedArgv = process.argv;
const savedPlatform = process.platform;

async function boot(args: string[] = []) {
  process.argv = ['/usr/lib/electron', '/work/app', ...args];
  vi.resetModules();
  const electron = (await import('electron')) as unknown as { app: FakeApp; dialog: { showErrorBox: ReturnType<typeof vi.fn> } };
  electron.app.removeAllListeners();
  await import('./index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return electron;
}

beforeEach(() => {
  Object.assign(state, { order: [], lock: true, windows: [], connectError: undefined, coreError: undefined, packaged: false, schemaProblems: [] });
  vi.clearAllMocks();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  process.argv = savedArgv;
  Object.defineProperty(process, 'platform', { value: savedPlatform });
  vi.restoreAllMocks();
});

describe('desktop lifecycle', () => {
  it("creates the core on the project's schemas and opens one window", async () => {
    await boot();
    expect(state.order).toEqual([`core ${join('/work/app', 'schemas')}`, 'window']);
  });

  it('takes --schemas and connects to --redis before the window opens', async () => {
    await boot(['--schemas', '/srv/schemas', '--redis', 'redis://127.0.0.1:6390']);
    expect(state.order).toEqual(['core /srv/schemas', 'connect redis://127.0.0.1:6390', 'window']);
  });

  it('still opens the window when the start-up connection fails', async () => {
    state.connectError = new Error('connect ECONNREFUSED 127.0.0.1:6390');
    await boot(['--redis', 'redis://app:s3cr3t@127.0.0.1:6390']);
    expect(state.order.at(-1)).toBe('window');
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('could not connect to the Redis given with --redis'));
    expect(vi.mocked(console.error).mock.calls.flat().join(' ')).not.toContain('s3cr3t');
  });

  it('warns about schema files it could not load, and still opens', async () => {
    state.schemaProblems = ['orders/broken.json: Unexpected token'];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await boot();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('orders/broken.json'));
    expect(state.order.at(-1)).toBe('window');
  });

  it('quits at once when another instance holds the lock', async () => {
    state.lock = false;
    const { app } = await boot();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(state.order).toEqual(['quit']);
  });

  it('brings the existing window forward for a second instance', async () => {
    const { app } = await boot();
    app.emit('second-instance');
    expect((state.windows[0] as { focus: ReturnType<typeof vi.fn> }).focus).toHaveBeenCalled();
  });

  it('quits when the last window closes, except on macOS', async () => {
    const { app } = await boot();
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    Object.defineProperty(process, 'platform', { value: 'linux' });
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('disposes the core before quitting', async () => {
    const { app } = await boot();
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(state.order.slice(-2)).toEqual(['dispose', 'quit']));
    // The second will-quit (from that quit) goes through.
    const again = { preventDefault: vi.fn() };
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('loads the dev server only in a development run', async () => {
    const lastSource = async () => vi.mocked((await import('./window')).createMainWindow).mock.calls.at(-1)![0].source;
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    try {
      await boot();
      expect(await lastSource()).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
      state.packaged = true;
      Object.assign(process, { resourcesPath: '/opt/Stream Inspector/resources' });
      await boot();
      expect(state.order).toContain(`core ${join('/opt/Stream Inspector/resources', 'schemas')}`);
      expect(state.windows).toHaveLength(2);
      expect(await lastSource()).toMatchObject({ kind: 'file' });
    } finally {
      delete process.env.ELECTRON_RENDERER_URL;
      delete (process as { resourcesPath?: string }).resourcesPath;
    }
  });

  it('reports a start-up failure in a dialog and exits', async () => {
    state.coreError = new Error('schemas/ does not exist');
    const { app, dialog } = await boot();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Stream Inspector could not start', 'schemas/ does not exist');
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});
