/**
 * The one place that knows which host the page runs under.
 *
 * - Desktop: the preload has put the bridged API on `window` (see shared/rpc/window.ts); turn it
 *   back into the ordinary client.
 * - Browser host: talk the same protocol over a WebSocket to `/rpc` on the page's own host, with
 *   the per-launch token the host put in the page URL.
 *
 * Everything else in the renderer sees only `Client<Api>`.
 */
import { api, type Api } from '../../../shared/contract/api';
import { fromBridged } from '../../../shared/rpc/bridge';
import { createClient, type Client } from '../../../shared/rpc/client';
import { findBridge } from '../../../shared/rpc/window';
import { createWebSocketTransport, type SocketLike } from './ws-transport';

export type AppClient = Client<Api>;

export interface HostConnection {
  client: AppClient;
  /** Calls `listener` if the page loses its host for good (browser host only). */
  onLost(listener: () => void): () => void;
}

function rpcUrl(): string {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
}

export function connectToHost(): HostConnection {
  const bridge = findBridge(window);
  if (bridge) {
    return { client: fromBridged(api, bridge), onLost: () => () => undefined };
  }
  const transport = createWebSocketTransport(() => new WebSocket(rpcUrl()) as unknown as SocketLike);
  return { client: createClient(api, transport), onLost: (listener) => transport.onLost(listener) };
}
