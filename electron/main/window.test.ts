import type { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Importing the real 'electron' package would try to download its binary; the window code only
// needs these few objects, faked with the shapes Electron gives them.
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');

  class FakeSession {
    headersListener?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void;
    permissionRequest?: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: (webContents: unknown, permission: string) => boolean;
    webRequest = {
      onHeadersReceived: (listener: FakeSession['headersListener']) => {
        this.headersListener = listener;
      },
    };
    setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
      this.permissionCheck = handler;
    }
  }

  class FakeWebContents extends EventEmitter {
    session = new FakeSession();
    windowOpenHandler?: (details: { url: string }) => { action: string };
    setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadURL = vi.fn(() => Promise.resolve());
    loadFile = vi.fn(() => Promise.resolve());
    setBackgroundColor = vi.fn();
    show = vi.fn();
    constructor(public options: Record<string, any>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
  }

  const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  return { BrowserWindow: FakeBrowserWindow, nativeTheme, shell };
});


type Fakes = {
  BrowserWindow: (new (options: Record<string, any>) => any) & { created: any[] };
  nativeTheme: EventEmitter & { shouldUseDarkColors: boolean };
  shell: { openExternal: ReturnType<typeof vi.fn> };
};
const electron = (await import('electron')) as unknown as Fakes;
const fakes = { FakeBrowserWindow: electron.BrowserWindow, nativeTheme: electron.nativeTheme, shell: electron.shell };

const { createMainWindow, contentSecurityPolicy, isAppUrl, rendererSource } = await import('./window');

const INDEX = '/opt/stream-inspector/out/renderer/index.html';
const built = rendererSource(undefined, INDEX);
const dev = rendererSource('http://localhost:5173/', INDEX);
const PRELOAD = '/opt/stream-inspector/out/preload/index.cjs';

function open(source = built) {
  createMainWindow({ source, preloadPath: PRELOAD });
  return fakes.FakeBrowserWindow.created.at(-1)!;
}

/** Emits an Electron-style event whose default can be prevented; returns whether it was. */
function emitPreventable(target: EventEmitter, name: string, url: string): boolean {
  let prevented = false;
  const event = { url, preventDefault: () => (prevented = true) };
  target.emit(name, event);
  return prevented;
}

beforeEach(() => {
  fakes.FakeBrowserWindow.created.length = 0;
  fakes.shell.openExternal.mockClear();
  fakes.nativeTheme.shouldUseDarkColors = false;
});

describe('window options', () => {
  it('uses every secure preference and the CommonJS preload', () => {
    const prefs = open().options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: PRELOAD,
    });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('loads the built index.html, or the dev server when electron-vite provides one', () => {
    expect(open(built).loadFile).toHaveBeenCalledWith(INDEX);
    const devWindow = open(dev);
    expect(devWindow.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(devWindow.loadFile).not.toHaveBeenCalled();
  });

  it('paints its background in the system theme and follows changes', () => {
    expect(open().options.backgroundColor).toBe('#ffffff');
    fakes.nativeTheme.shouldUseDarkColors = true;
    const window = open();
    expect(window.options.backgroundColor).toBe('#1e1e1e');
    fakes.nativeTheme.shouldUseDarkColors = false;
    fakes.nativeTheme.emit('updated');
    expect(window.setBackgroundColor).toHaveBeenLastCalledWith('#ffffff');
    window.emit('closed');
    const calls = window.setBackgroundColor.mock.calls.length;
    fakes.nativeTheme.emit('updated');
    expect(window.setBackgroundColor.mock.calls.length).toBe(calls);
  });
});

describe('content security policy', () => {
  it('is set on every response, replacing any policy the response carried', () => {
    const { session } = open().webContents;
    let response: any;
    session.headersListener!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, (value: unknown) => (response = value));
    expect(response.responseHeaders['Content-Type']).toEqual(['text/html']);
    expect(response.responseHeaders['content-security-policy']).toBeUndefined();
    expect(response.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy(built)]);
  });

  it('allows what Monaco needs and nothing remote', () => {
    const policy = contentSecurityPolicy(built);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "worker-src 'self' blob:",
      "connect-src 'self'",
      "object-src 'none'",
    ]) {
      expect(policy.split('; ')).toContain(directive);
    }
    expect(policy).not.toMatch(/ws:|unsafe-eval|\*/);
  });

  it('relaxes scripts and sockets only for the dev server', () => {
    const policy = contentSecurityPolicy(dev);
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
  });

  it('refuses permission requests', () => {
    const { session } = open().webContents;
    const granted = vi.fn();
    session.permissionRequest!(null, 'media', granted);
    session.permissionRequest!(null, 'geolocation', granted);
    expect(granted.mock.calls).toEqual([[false], [false]]);
    expect(session.permissionCheck!(null, 'notifications')).toBe(false);
  });
});

describe('navigation', () => {
  it('denies leaving the app and sends web links to the system browser', () => {
    const { webContents } = open();
    expect(emitPreventable(webContents, 'will-navigate', 'https://example.com/docs')).toBe(true);
    expect(fakes.shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');
    expect(emitPreventable(webContents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emitPreventable(webContents, 'will-redirect', 'http://evil.test/')).toBe(true);
    expect(fakes.shell.openExternal).toHaveBeenCalledTimes(2);
  });

  it('lets the app reload its own page', () => {
    const { webContents } = open();
    expect(emitPreventable(webContents, 'will-navigate', `${pathToFileURL(INDEX).href}#streams`)).toBe(false);
    expect(fakes.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach webviews', () => {
    const { webContents } = open();
    expect(emitPreventable(webContents, 'will-attach-webview', '')).toBe(true);
  });

  it('denies window.open; web links open externally, other schemes are dropped', () => {
    const { webContents } = open();
    expect(webContents.windowOpenHandler!({ url: 'https://redis.io/docs/' })).toEqual({ action: 'deny' });
    expect(fakes.shell.openExternal).toHaveBeenCalledWith('https://redis.io/docs/');
    expect(webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(webContents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fakes.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('isAppUrl', () => {
  it('accepts only the built index.html', () => {
    expect(isAppUrl(built, pathToFileURL(INDEX).href)).toBe(true);
    expect(isAppUrl(built, `${pathToFileURL(INDEX).href}?x=1#y`)).toBe(true);
    expect(isAppUrl(built, pathToFileURL('/opt/stream-inspector/out/renderer/other.html').href)).toBe(false);
    expect(isAppUrl(built, 'https://example.com/')).toBe(false);
    expect(isAppUrl(built, 'not a url')).toBe(false);
  });

  it('accepts only the dev server origin', () => {
    expect(isAppUrl(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
  });
});
