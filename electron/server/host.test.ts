import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROJECT_SCHEMAS_DIR } from '../../tests/support/core';
import { useRedisServer } from '../../tests/support/redis';
import { startBrowserHost, type BrowserHost } from './host';

const fixture = useRedisServer();
let host: BrowserHost;
const lines: string[] = [];

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Stream Inspector</title>');
  host = await startBrowserHost({ rendererDir, schemasDir: PROJECT_SCHEMAS_DIR, redisUrl: fixture.url, log: (line) => lines.push(line) });
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

describe('browser host', () => {
  it('prints one line with the URL and token, bound to 127.0.0.1, already connected to --redis', () => {
    expect(lines.at(-1)).toBe(`Stream Inspector is running at ${host.url}`);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(host.core.connections.list()).toHaveLength(1);
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    expect((await attempt(`ws://127.0.0.1:${host.port}/rpc`, origin)).status).toBe(401);
    expect((await attempt(`ws://127.0.0.1:${host.port}/rpc?token=wrong`, origin)).status).toBe(401);
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
    expect((await fetch(`http://127.0.0.1:${host.port}/../../package.json`)).status).toBe(404);

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
