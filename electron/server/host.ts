/**
 * The browser host: the same core as the desktop app, served to a browser over a WebSocket.
 * Bound to 127.0.0.1 only; the WebSocket needs the per-launch token and a same-origin page, and
 * every HTTP request must name this host (no DNS-rebinding through another name).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { isClientMessage, type ClientMessage, type ServerTransport } from '../../shared/rpc/protocol';
import { createCore, DEFAULT_SCHEMAS_DIR, type Core } from '../core';

export interface BrowserHostOptions {
  /** Port on 127.0.0.1; default DEFAULT_PORT (or a free one if it is taken); 0 picks a free one. */
  port?: number;
  /** Connect to this Redis at start, so the page opens on it. */
  redisUrl?: string;
  schemasDir?: string;
  /** Built renderer (index.html and assets); default out/renderer. */
  rendererDir?: string;
  /** Print the ready line; default true. */
  log?: (line: string) => void;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

/**
 * The browser keeps drafts per origin, so the host prefers the same port every time: a restart
 * then finds the drafts again.
 */
export const DEFAULT_PORT = 4870;

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
/** Above the contract's largest argument (1 Mi characters of event text, up to 6 bytes each once JSON-escaped). */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHost> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The app is not built (${join(rendererDir, 'index.html')} is missing). Run "npm run build" first.`);
  }
  const log = options.log ?? ((line: string) => console.log(line));
  const token = randomBytes(24).toString('base64url');
  const core = await createCore({ schemasDir: options.schemasDir ?? DEFAULT_SCHEMAS_DIR });

  const http = createServer((request, response) => {
    // Lets a page whose WebSocket was refused tell a stale token from a stopped host.
    const url = parseRequestUrl(request.url);
    if (url?.pathname === '/session' && allowedHosts.has(request.headers.host ?? '')) {
      const given = url.searchParams.get('token');
      response.writeHead(tokenMatches(given, token) ? 204 : 401, { 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    serveStatic(rendererDir, allowedHosts, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const allowedHosts = new Set<string>();
  const allowedOrigins = new Set<string>();

  http.on('upgrade', (request, socket, head) => {
    // Node hands the raw socket over without an error listener: a client that resets it must not
    // take the host down.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = parseRequestUrl(request.url);
    if (!url || url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(403, 'Forbidden');
    if (!allowedOrigins.has(request.headers.origin ?? '')) return refuse(403, 'Forbidden');
    if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    let handler: ((message: ClientMessage) => void) | undefined;
    const transport: ServerTransport = {
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
      onMessage: (next) => {
        handler = next;
        return () => (handler = undefined);
      },
    };
    const session = core.router.serve(transport);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (isClientMessage(message)) handler?.(message);
    });
    ws.on('close', () => session.close());
    ws.on('error', () => session.close());
  };

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => {
        http.removeListener('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port ?? DEFAULT_PORT);
  } catch (error) {
    // The default port is only a preference; an explicit --port is not.
    if (options.port !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      await core.dispose();
      throw error;
    }
    log(`Port ${DEFAULT_PORT} is in use, so a free port is used instead; drafts saved in the browser under the usual port will not show here.`);
    await listen(0);
  }
  const { port } = http.address() as AddressInfo;
  for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    allowedHosts.add(name);
    allowedOrigins.add(`http://${name}`);
  }

  if (options.redisUrl) {
    try {
      const info = await core.connections.connect({ url: options.redisUrl });
      log(`Connected to ${info.label} (Redis ${info.server.version}, ${info.server.mode}).`);
    } catch (error) {
      log(`Could not connect to the Redis given with --redis: ${(error as Error).message} You can connect from the app instead.`);
    }
  }

  for (const problem of core.services.schemas.catalog().problems) log(`Schemas: ${problem}`);

  const url = `http://127.0.0.1:${port}/?token=${token}`;
  log(`Stream Inspector is running at ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    token,
    core,
    close() {
      closing ??= (async () => {
        sockets.clients.forEach((client) => client.terminate());
        sockets.close();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        await core.dispose();
      })();
      return closing;
    },
  };
}

/** The request target as a URL, or null when it is not one (a page must not crash the host with `//`). */
function parseRequestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(root: string, allowedHosts: Set<string>, request: IncomingMessage, response: ServerResponse) {
  const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
    response.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
    response.end(body);
  };
  if (!allowedHosts.has(request.headers.host ?? '')) return send(403, 'Forbidden: open the app at 127.0.0.1.');
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method Not Allowed');
  const url = parseRequestUrl(request.url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url?.pathname ?? '');
  } catch {
    return send(400, 'Bad Request');
  }
  if (!url || pathname.includes('\0')) return send(400, 'Bad Request');
  const relativePath = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relativePath));
  if (!file.startsWith(normalize(root) + sep)) return send(404, 'Not Found');
  try {
    const body = await readFile(file);
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': relativePath === 'index.html' ? 'no-store' : 'max-age=3600',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    send(404, 'Not Found');
  }
}
