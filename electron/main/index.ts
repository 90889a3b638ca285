/**
 * The desktop host: one app instance, the core created once, one IPC host serving every window.
 * Everything about the window's security lives in window.ts; everything about IPC in ipc-host.ts.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { createCore, type Core } from '../core/index';
import { parseMainArgs, resolveSchemasDir } from './args';
import { createIpcHost, type IpcHost } from './ipc-host';
import { createMainWindow, isAppUrl, rendererSource } from './window';

/** out/main → out/, where electron-vite puts preload/ and renderer/. */
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Only a development run may load its page from a dev server; an installed app ignores the variable.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const source = rendererSource(devServerUrl, join(outDir, 'renderer', 'index.html'));
const preloadPath = join(outDir, 'preload', 'index.cjs');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let core: Core | undefined;
let ipcHost: IpcHost | undefined;
let mainWindow: BrowserWindow | undefined;

function openWindow(): BrowserWindow {
  const window = createMainWindow({ source, preloadPath });
  ipcHost?.attach(window.webContents);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  mainWindow = window;
  return window;
}

async function start(): Promise<void> {
  const args = parseMainArgs(process.argv);
  const schemasDir = resolveSchemasDir({
    fromArgs: args.schemasDir,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    projectDefault: join(app.getAppPath(), 'schemas'),
    cwd: process.cwd(),
  });
  core = await createCore({ schemasDir });
  for (const problem of core.services.schemas.catalog().problems) console.warn(`Stream Inspector schemas: ${problem}`);
  ipcHost = createIpcHost({ ipcMain, router: core.router, isAppUrl: (url) => isAppUrl(source, url) });

  if (args.redisUrl) {
    // Connected before the window opens, so the page finds it in connections.list. A failure is
    // not fatal: the page still opens and the user can connect by hand.
    try {
      await core.connections.connect({ url: args.redisUrl });
    } catch (error) {
      // Never log the URL itself: it may hold a password. The message names host and port.
      console.error(`Stream Inspector could not connect to the Redis given with --redis: ${messageOf(error)}`);
    }
  }
  openWindow();
}

/** Releases connections and watchers once, before the process exits. */
let disposing: Promise<void> | undefined;
function disposeAll(): Promise<void> {
  disposing ??= (async () => {
    ipcHost?.dispose();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
    await Promise.race([core?.dispose().catch((error: unknown) => console.error(`Stream Inspector could not close cleanly: ${messageOf(error)}`)), timeout]);
  })();
  return disposing;
}

if (!app.requestSingleInstanceLock()) {
  // Another Stream Inspector is running; it brings its window forward (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void disposeAll().finally(() => {
      disposed = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Stream Inspector could not start', messageOf(error));
      app.exit(1);
    });
}
