/**
 * The desktop window and every security setting it relies on, in one place: isolated and
 * sandboxed renderer, a Content-Security-Policy on every response, no navigation away from the
 * app, no new windows, no permission prompts.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, nativeTheme, shell, type Session, type WebContents } from 'electron';

/** Where the renderer comes from: the Vite dev server, or the built index.html. */
export type RendererSource = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** `ELECTRON_RENDERER_URL` (set by `electron-vite dev`) wins over the built file. */
export function rendererSource(devServerUrl: string | undefined, builtIndexHtml: string): RendererSource {
  return devServerUrl ? { kind: 'url', url: devServerUrl } : { kind: 'file', path: builtIndexHtml };
}

/**
 * True for the app's own pages only: the dev server's origin, or the built index.html itself
 * (query and hash ignored). Everything else is foreign.
 */
export function isAppUrl(source: RendererSource, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (source.kind === 'url') {
    const own = new URL(source.url);
    return url.origin === own.origin && (url.protocol === 'http:' || url.protocol === 'https:');
  }
  const own = pathToFileURL(source.path);
  return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname;
}

/**
 * The policy for the app's pages. Monaco needs inline styles, data: fonts and blob: workers; the
 * page talks to main over IPC only, so `connect-src` stays 'self'. Under the dev server, Vite's
 * React preamble is an inline script and hot reload uses a WebSocket, so only then are those added.
 */
export function contentSecurityPolicy(source: RendererSource): string {
  const dev = source.kind === 'url';
  const devOrigin = dev ? new URL(source.url) : undefined;
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', devOrigin ? ["'self'", `ws://${devOrigin.host}`] : ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

const installedSessions = new WeakSet<Session>();

/**
 * Once per session: the CSP header on every response (the renderer's index.html carries the same
 * policy in a meta tag, which is what applies to file:// pages), and every permission refused
 * except writing to the clipboard, which copy buttons need.
 */
export function installSessionPolicy(session: Session, source: RendererSource): void {
  if (installedSessions.has(session)) return;
  installedSessions.add(session);
  const policy = contentSecurityPolicy(source);
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  session.setPermissionCheckHandler((_webContents, permission) => permission === 'clipboard-sanitized-write');
}

/** Only plain web links leave the app, and they open in the user's browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Navigation and popups: the page may reload itself (or Vite may), but never go anywhere else;
 * window.open and target=_blank links open in the system browser when they are web links and are
 * otherwise dropped.
 */
export function guardNavigation(webContents: WebContents, source: RendererSource): void {
  const denyForeign = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(source, url)) return;
    event.preventDefault();
    if (isExternalLink(url)) void shell.openExternal(url);
  };
  webContents.on('will-navigate', (event) => denyForeign(event, event.url));
  webContents.on('will-redirect', (event) => denyForeign(event, event.url));
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

const BACKGROUND = { dark: '#1e1e1e', light: '#ffffff' } as const;

/** The window's background before the page paints: follows the system's light or dark setting. */
export const backgroundColor = (): string => (nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light);

export interface MainWindowOptions {
  source: RendererSource;
  /** The built CommonJS preload, out/preload/index.cjs. */
  preloadPath: string;
}

/** Creates the main window with the secure defaults above and loads the renderer. */
export function createMainWindow({ source, preloadPath }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Stream Inspector',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    show: false,
    backgroundColor: backgroundColor(),
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });

  installSessionPolicy(window.webContents.session, source);
  guardNavigation(window.webContents, source);

  const onThemeChange = () => window.setBackgroundColor(backgroundColor());
  nativeTheme.on('updated', onThemeChange);
  window.on('closed', () => nativeTheme.removeListener('updated', onThemeChange));
  window.once('ready-to-show', () => window.show());

  const loading = source.kind === 'url' ? window.loadURL(source.url) : window.loadFile(source.path);
  loading.catch((error: unknown) => {
    console.error(`Stream Inspector could not load its window: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
