/**
 * rediss:// against a real TLS redis-server on loopback, with a certificate made for the test.
 * The server's certificate is self-signed, so the client must refuse it and say why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedisServer, type RedisServerHandle } from '../../../scripts/lib/redis-server';
import { ConnectionService } from './service';

let server: RedisServerHandle;
let tlsPort: number;
const service = new ConnectionService();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  tlsPort = await freePort();
  server = await startRedisServer({
    args: ['--tls-port', String(tlsPort), '--tls-cert-file', join(dir, 'cert.pem'), '--tls-key-file', join(dir, 'key.pem'), '--tls-ca-cert-file', join(dir, 'cert.pem'), '--tls-auth-clients', 'no'],
  });
});
afterAll(async () => {
  await service.disconnectAll();
  await server?.stop();
});

describe('TLS', () => {
  it('refuses an untrusted certificate with a TLS message', async () => {
    const error = await service.connect({ url: `rediss://localhost:${tlsPort}`, timeoutMs: 3000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'TLS_ERROR' });
    expect((error as Error).message).toMatch(/certificate/i);
  });

  it('says so when rediss:// meets a server that does not speak TLS', async () => {
    const error = await service.connect({ url: `rediss://127.0.0.1:${server.port}`, timeoutMs: 2000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'TLS_ERROR' });
    expect((error as Error).message).toContain('redis://');
  });
});
