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
  /** Calls `listener` if the page loses its host for good (browser host only), with why when known. */
  onLost(listener: (message?: string) => void): () => void;
}

const TOKEN_KEY = 'stream-inspector:token';

/**
 * The per-launch token from the address the host printed. It is moved out of the address bar (and
 * so out of history) into this tab's session storage, where a reload still finds it.
 */
function pageToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      url.searchParams.delete('token');
      history.replaceState(null, '', url);
    } catch {
      return fromUrl; // storage refused: keep the token in the address so a reload still works
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * A browser cannot see why a WebSocket was refused, so ask the host whether the page's token is
 * still the one it issued: a restarted host issues a new one.
 */
async function whyLost(): Promise<string | undefined> {
  try {
    const response = await fetch(`/session?token=${encodeURIComponent(pageToken())}`, { cache: 'no-store' });
    if (response.status === 401) {
      return pageToken() === ''
        ? 'This address has no access token. Open the full address the host printed (it ends in ?token=…).'
        : 'This page’s access token is not valid any more: the host was restarted. Open the new address it printed.';
    }
  } catch {
    // The host is gone: the general message says so.
  }
  return undefined;
}

function rpcUrl(): string {
  const token = pageToken();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
}

export function connectToHost(): HostConnection {
  const bridge = findBridge(window);
  if (bridge) {
    return { client: fromBridged(api, bridge), onLost: () => () => undefined };
  }
  const transport = createWebSocketTransport(() => new WebSocket(rpcUrl()) as unknown as SocketLike);
  return {
    client: createClient(api, transport),
    onLost: (listener) =>
      transport.onLost(() => {
        listener(); // at once, so nothing else reports the same failure first
        void whyLost().then((message) => message && listener(message));
      }),
  };
}
