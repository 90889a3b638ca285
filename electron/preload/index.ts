/**
 * The preload of the desktop window. It runs sandboxed (bundled as one CommonJS file) and exposes
 * exactly one thing to the page: the typed API, in bridged form, under `window.streamInspector`.
 * No ipcRenderer, no channel names, no IPC event objects ever reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { api } from '../../shared/contract/api';
import { toBridged } from '../../shared/rpc/bridge';
import { createClient } from '../../shared/rpc/client';
import { isServerMessage, type ClientTransport } from '../../shared/rpc/protocol';
import { BRIDGE_KEY } from '../../shared/rpc/window';
import { IPC_CHANNEL } from './channel';

/** The RPC protocol over the one IPC channel; the IPC event object is dropped here. */
export function createIpcTransport(ipc: Pick<typeof ipcRenderer, 'send' | 'on' | 'removeListener'>): ClientTransport {
  return {
    send: (message) => ipc.send(IPC_CHANNEL, message),
    onMessage: (handler) => {
      const listener = (_event: IpcRendererEvent, message: unknown) => {
        if (isServerMessage(message)) handler(message);
      };
      ipc.on(IPC_CHANNEL, listener);
      return () => {
        ipc.removeListener(IPC_CHANNEL, listener);
      };
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_KEY, toBridged(api, createClient(api, createIpcTransport(ipcRenderer))));
