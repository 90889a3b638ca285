/**
 * Serves the core's router to each app window over Electron IPC. One channel, fire-and-forget
 * messages in both directions (the RPC protocol already pairs replies with calls). A message is
 * accepted only from a window this host attached, from that window's main frame, while it shows the
 * app's own page, and only if it is a well-formed client message; anything else is dropped.
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { isClientMessage, type ClientMessage, type ServerTransport } from '../../shared/rpc/protocol';
import { IPC_CHANNEL } from '../preload/channel';

/** The part of the core's router this host needs. */
export interface RpcServer {
  serve(transport: ServerTransport): { close(): void };
}

export interface IpcHostOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  router: RpcServer;
  /** True for the app's own page URLs (see window.ts). */
  isAppUrl(url: string): boolean;
}

export interface IpcHost {
  /** Starts serving a window; its session ends when it reloads, crashes or is destroyed. */
  attach(webContents: WebContents): void;
  /** Stops serving every window and stops listening. */
  dispose(): void;
}

/** One page's RPC session: what it subscribed to ends when the page goes away. */
interface PageSession {
  deliver(message: ClientMessage): void;
  close(): void;
}

interface Attached {
  webContents: WebContents;
  page?: PageSession;
  detach(): void;
}

/** The sender must be the window's own main frame, showing the app's page. */
function isTrustedSender(event: IpcMainEvent, isAppUrl: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    const mainFrame = event.sender.mainFrame;
    if (!frame || !mainFrame) return false;
    const isMainFrame = frame === mainFrame || (frame.processId === mainFrame.processId && frame.frameToken === mainFrame.frameToken);
    return isMainFrame && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // A frame that navigated away or was disposed throws on access: not a sender to trust.
    return false;
  }
}

function openPageSession(webContents: WebContents, router: RpcServer): PageSession {
  let handler: ((message: ClientMessage) => void) | undefined;
  let closed = false;
  const transport: ServerTransport = {
    send(message) {
      if (closed || webContents.isDestroyed()) return;
      try {
        webContents.send(IPC_CHANNEL, message);
      } catch {
        // The page went away between the check and the send; its session is about to close.
      }
    },
    onMessage(next) {
      handler = next;
      return () => {
        if (handler === next) handler = undefined;
      };
    },
  };
  const served = router.serve(transport);
  return {
    deliver: (message) => {
      if (!closed) handler?.(message);
    },
    close() {
      if (closed) return;
      served.close();
      closed = true;
      handler = undefined;
    },
  };
}

export function createIpcHost({ ipcMain, router, isAppUrl }: IpcHostOptions): IpcHost {
  const attached = new Map<number, Attached>();

  const onMessage = (event: IpcMainEvent, message: unknown) => {
    const entry = attached.get(event.sender.id);
    if (!entry || entry.webContents !== event.sender) return;
    if (!isTrustedSender(event, isAppUrl)) return;
    if (!isClientMessage(message)) return;
    entry.page ??= openPageSession(entry.webContents, router);
    entry.page.deliver(message);
  };
  ipcMain.on(IPC_CHANNEL, onMessage);

  const endPage = (entry: Attached) => {
    entry.page?.close();
    entry.page = undefined;
  };

  return {
    attach(webContents) {
      if (attached.has(webContents.id)) return;
      const entry: Attached = { webContents, detach: () => undefined };
      // A new document (reload included) or a crashed renderer starts from nothing: end what the
      // old page opened. The next message from the new page opens a fresh session.
      const onNewDocument = () => endPage(entry);
      const onDestroyed = () => {
        endPage(entry);
        entry.detach();
        attached.delete(webContents.id);
      };
      webContents.on('did-navigate', onNewDocument);
      webContents.on('render-process-gone', onNewDocument);
      webContents.once('destroyed', onDestroyed);
      entry.detach = () => {
        webContents.removeListener('did-navigate', onNewDocument);
        webContents.removeListener('render-process-gone', onNewDocument);
        webContents.removeListener('destroyed', onDestroyed);
      };
      attached.set(webContents.id, entry);
    },
    dispose() {
      ipcMain.removeListener(IPC_CHANNEL, onMessage);
      for (const entry of attached.values()) {
        endPage(entry);
        entry.detach();
      }
      attached.clear();
    },
  };
}
