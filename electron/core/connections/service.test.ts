import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { freePort } from '../../../scripts/lib/redis-server';
import { useRedisServer } from '../../../tests/support/redis';
import { toAppError } from '../errors';
import { ConnectionService } from './service';
import { parseRedisUrl } from './url';

const PASSWORD = 's3cret-pass';
const fixture = useRedisServer({ args: ['--requirepass', PASSWORD] });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

describe('ConnectionService against a real redis-server', () => {
  const service = new ConnectionService();
  afterEach(() => service.disconnectAll());

  it('connects with a password, reports version and mode, and never exposes the password', async () => {
    const info = await service.connect({ url: `redis://:${PASSWORD}@127.0.0.1:${fixture.server.port}/3` });
    expect(info.server.version).toBe(fixture.server.version);
    expect(info.server.mode).toBe('standalone');
    expect(info.db).toBe(3);
    expect(JSON.stringify(info)).not.toContain(PASSWORD);
    expect(info.label).toBe(`redis://127.0.0.1:${fixture.server.port}/3`);
    expect(service.list().map((each) => each.id)).toEqual([info.id]);
    await service.reader(info.id).set('db-check', '1');
    expect(await fixture.redis.select(3).then(() => fixture.redis.get('db-check'))).toBe('1');
    await fixture.redis.select(0);
  });

  it('refuses a database number the server does not have, instead of showing database 0', async () => {
    const error = await failure(service.connect({ url: `redis://:${PASSWORD}@127.0.0.1:${fixture.server.port}/99` }));
    expect(error.code).toBe('INVALID_URL');
    expect(error.message).toContain('Database 99');
    expect(service.list()).toEqual([]);
  });

  it('says the password is wrong', async () => {
    const error = await failure(service.connect({ url: `redis://:wrong@127.0.0.1:${fixture.server.port}` }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/password/);
    expect(error.message).not.toContain('wrong@');
    expect(error.message).not.toMatch(/\.\)\./);
  });

  it('says a password is needed when none is given', async () => {
    const info = service.connect({ url: `redis://127.0.0.1:${fixture.server.port}` });
    const error = await failure(info);
    expect(['AUTH_FAILED']).toContain(error.code);
  });

  it('connects a least-privilege ACL user (no INFO) and reports the version from HELLO', async () => {
    await fixture.redis.call('ACL', 'SETUSER', 'viewer', 'on', '>viewer-pass', '~*', '+@read', '+@connection', '+scan');
    const info = await service.connect({ url: `redis://viewer:viewer-pass@127.0.0.1:${fixture.server.port}` });
    expect(info.server.version).toBe(fixture.server.version);
    expect(() => service.writer(info.id)).not.toThrow();
  });

  it('says an ACL user lacks permission for a command, naming it', async () => {
    await fixture.redis.call('ACL', 'SETUSER', 'blind', 'on', '>blind-pass', '~*', '+@connection', '+info');
    const info = await service.connect({ url: `redis://blind:blind-pass@127.0.0.1:${fixture.server.port}` });
    const error = await failure(service.reader(info.id).scan('0').catch((caught: unknown) => Promise.reject(toAppError(caught))));
    expect(error.code).toBe('NO_PERMISSION');
    expect(error.message).toMatch(/scan/i);
  });

  it('never repeats a password from a URL it cannot use', async () => {
    for (const url of [
      'redis://default:Xy@9/kLmhunterSECRET@127.0.0.1:6390',
      'redis://default:4242?hunter@127.0.0.1:6390',
      'redis://default:Xy#hunter@127.0.0.1:6390',
      'redis://app:hunter 2secret@127.0.0.1:99999', 'app:hunter2secret@127.0.0.1:notaport', 'redis://app:hu#nter@2secret@127.0.0.1:1', 'redis://app:50%off@127.0.0.1:1']) {
      const error = await failure(service.connect({ url, timeoutMs: 500 }));
      expect(error.message).not.toMatch(/hunter|secret|SECRET|50%off/);
      expect(['INVALID_URL', 'CONNECTION_REFUSED', 'HOST_NOT_FOUND', 'AUTH_FAILED']).toContain(error.code);
    }
    expect((await failure(service.connect({ url: 'redis://app:50%off@127.0.0.1:1' }))).code).toBe('INVALID_URL');
  });

  it('says a port that is not Redis is not Redis', async () => {
    const http = createHttpServer((_request, response) => response.end('hello'));
    const port = await freePort();
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    try {
      const error = await failure(service.connect({ url: `redis://127.0.0.1:${port}`, timeoutMs: 2000 }));
      expect(error.code).toBe('NOT_REDIS');
      expect(error.message).toContain(`127.0.0.1:${port}`);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('says nothing listens on a closed port', async () => {
    const port = await freePort();
    const error = await failure(service.connect({ url: `redis://127.0.0.1:${port}` }));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('says the host name does not resolve', async () => {
    const error = await failure(service.connect({ url: 'redis://no-such-host.invalid:6379', timeoutMs: 2000 }));
    expect(['HOST_NOT_FOUND', 'TIMEOUT']).toContain(error.code);
  });

  it('rejects a malformed URL before connecting', async () => {
    expect((await failure(service.connect({ url: 'http://example.com' }))).code).toBe('INVALID_URL');
    expect((await failure(service.connect({ url: 'redis://host:6379/abc' }))).code).toBe('INVALID_URL');
  });

  it('refuses writes on a read-only connection', async () => {
    const info = await service.connect({ url: `redis://:${PASSWORD}@127.0.0.1:${fixture.server.port}`, readOnly: true });
    expect(() => service.writer(info.id)).toThrowError(expect.objectContaining({ code: 'READ_ONLY' }));
    expect(service.reader(info.id)).toBeDefined();
  });

  it('reports an unknown connection id as not connected', () => {
    expect(() => service.reader('nope')).toThrowError(expect.objectContaining({ code: 'NOT_CONNECTED' }));
  });

  describe('a server that accepts but never answers', () => {
    let silent: Server;
    let port: number;
    const open = new Set<Socket>();
    beforeAll(async () => {
      port = await freePort();
      silent = createServer((socket) => {
        open.add(socket);
        socket.resume(); // read and drop whatever the client sends; never answer
        socket.on('close', () => open.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => {
      open.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('times out with a clear message', async () => {
      const started = Date.now();
      const error = await failure(service.connect({ url: `redis://127.0.0.1:${port}`, timeoutMs: 500 }));
      expect(error.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(10000);
      // The half-open socket is closed, not leaked.
      await expect.poll(() => open.size, { timeout: 2000 }).toBe(0);
    });
  });
});

describe('parseRedisUrl', () => {
  it('reads user, password, TLS and db, and labels without the password', () => {
    const parsed = parseRedisUrl('rediss://app:p%40ss@cache.example.com:6380/2');
    expect(parsed).toMatchObject({ host: 'cache.example.com', port: 6380, db: 2, tls: true, username: 'app', password: 'p@ss' });
    expect(parsed.label).toBe('rediss://app@cache.example.com:6380/2');
  });

  it('accepts a bare host:port', () => {
    expect(parseRedisUrl('localhost:7000')).toMatchObject({ host: 'localhost', port: 7000, db: 0, tls: false });
  });
});
