import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROJECT_SCHEMAS_DIR } from '../../tests/support/core';
import { useRedisServer } from '../../tests/support/redis';
import { startBrowserHost, type BrowserHost } from './host';

const fixture = useRedisServer();
let host: BrowserHost;
let rendererDir = '';
const lines: string[] = [];

beforeAll(async () => {
  // A file beside the served folder: it must never be reachable.
  const parent = mkdtempSync(join(tmpdir(), 'host-'));
  writeFileSync(join(parent, 'secret.txt'), 'secret');
  rendererDir = join(parent, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Stream Inspector</title>');
  host = await startBrowserHost({ port: 0, rendererDir, schemasDir: PROJECT_SCHEMAS_DIR, redisUrl: fixture.url, log: (line) => lines.push(line) });
});
afterAll(() => host.close());

/** Opens a WebSocket and resolves with the HTTP status it was refused with, or 101 when accepted. */
function attempt(url: string, origin?: string, hostHeader?: string): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin, headers: hostHeader ? { host: hostHeader } : undefined });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.once('error', () => resolve({ status: 0 }));
  });
}

/** Sends a request line exactly as given (fetch would normalise the path first). */
function rawStatus(target: string, upgrade = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => {
      const headers = upgrade ? 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : '';
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${headers}Connection: close\r\n\r\n`);
    });
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('browser host', () => {
  it('survives a client that resets its socket in the middle of an upgrade', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const socket = connect(host.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`GET /rpc?token=bad HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
  });

  it('survives malformed request targets from any page and keeps serving', async () => {
    expect(await rawStatus('/%E0%A4%A')).toBe(400);
    expect(await rawStatus('//')).toBe(400);
    expect(await rawStatus('//', true)).toBe(404);
    expect(await rawStatus('/%00')).toBe(400);
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
  });

  it('prints one line with the URL and token, bound to 127.0.0.1, already connected to --redis', () => {
    expect(lines.at(-1)).toBe(`Stream Inspector is running at ${host.url}`);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(host.core.connections.list()).toHaveLength(1);
  });

  it('never prints the password of a --redis URL it could not use', async () => {
    const printed: string[] = [];
    const other = await startBrowserHost({ port: 0, rendererDir, schemasDir: PROJECT_SCHEMAS_DIR, redisUrl: 'redis://app:s3cr3t-pw@127.0.0.1:1', log: (line) => printed.push(line) });
    await other.close();
    expect(printed.join('\n')).toContain('Could not connect');
    expect(printed.join('\n')).not.toContain('s3cr3t');
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    expect((await attempt(`ws://127.0.0.1:${host.port}/rpc`, origin)).status).toBe(401);
    expect((await attempt(`ws://127.0.0.1:${host.port}/rpc?token=wrong`, origin)).status).toBe(401);
  });

  it('tells a page whether its token is still valid, without revealing it', async () => {
    expect((await fetch(`http://127.0.0.1:${host.port}/session?token=${host.token}`)).status).toBe(204);
    expect((await fetch(`http://127.0.0.1:${host.port}/session?token=old`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/session?`)).status).toBe(401);
  });

  it('refuses a WebSocket from another Origin, even with the token', async () => {
    const url = `ws://127.0.0.1:${host.port}/rpc?token=${host.token}`;
    expect((await attempt(url, 'http://evil.example')).status).toBe(403);
    expect((await attempt(url, `http://127.0.0.1:${host.port + 1}`)).status).toBe(403);
    expect((await attempt(url)).status).toBe(403);
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'attacker.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('serves the page with a CSP, and answers RPC over an authorised WebSocket', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await rawStatus('/..%2fsecret.txt')).toBe(404);
    expect(await rawStatus('/%2e%2e/secret.txt')).toBe(404);
    expect(await rawStatus('/index.html')).toBe(200);

    const { status, socket } = await attempt(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, `http://127.0.0.1:${host.port}`);
    expect(status).toBe(101);
    const reply = new Promise<unknown>((resolve) => socket!.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket!.send(JSON.stringify({ type: 'call', id: 1, method: 'connections.list', args: {} }));
    expect(await reply).toMatchObject({ type: 'result', id: 1, value: [expect.objectContaining({ label: fixture.url })] });
    const refused = new Promise<unknown>((resolve) => socket!.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket!.send(JSON.stringify({ type: 'call', id: 2, method: 'connections.list', args: { sneaky: 1 } }));
    expect(await refused).toMatchObject({ type: 'error', id: 2, error: { code: 'INVALID_ARGUMENT' } });
    socket!.close();
  });
});
