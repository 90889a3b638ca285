/**
 * Vitest helpers: one real redis-server per test file, started on a free port and stopped after,
 * plus a fresh key prefix per test so tests in a file never see each other's keys.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppError } from '../../shared/contract/errors';
import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RedisServerHandle, type StartOptions } from '../../scripts/lib/redis-server';

export interface RedisFixture {
  readonly server: RedisServerHandle;
  readonly url: string;
  /** A raw ioredis client for arranging and checking state. */
  readonly redis: Redis;
  /** A unique prefix for this test's keys. */
  prefix(): string;
}

export function useRedisServer(options?: StartOptions): RedisFixture {
  let server: RedisServerHandle | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    server = await startRedisServer(options);
    const password = options?.args?.includes('--requirepass') ? options.args[options.args.indexOf('--requirepass') + 1] : undefined;
    redis = new Redis({ port: server.port, host: '127.0.0.1', password, protocol: 2, lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    await redis?.quit().catch(() => undefined);
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('redis-server not started yet');
      return server;
    },
    get url() {
      return this.server.url;
    },
    get redis() {
      if (!redis) throw new Error('redis-server not started yet');
      return redis;
    },
    prefix: () => `t:${randomUUID().slice(0, 8)}:`,
  };
}

/** A CallContext for calling services directly in tests. */
export function testContext() {
  const progress: Array<{ done: number; total?: number; message: string }> = [];
  let cancelled = false;
  const listeners: Array<() => void> = [];
  return {
    progress: (value: { done: number; total?: number; message: string }) => progress.push(value),
    cancellation: {
      get cancelled() {
        return cancelled;
      },
      throwIfCancelled() {
        if (cancelled) throw new AppError('CANCELLED', 'Cancelled.');
      },
      onCancel: (listener: () => void) => listeners.push(listener),
    },
    cancel() {
      cancelled = true;
      listeners.forEach((listener) => listener());
    },
    reports: progress,
  };
}
