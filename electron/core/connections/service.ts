/**
 * Holds the open Redis connections. Each connection has one ioredis client for commands; live
 * watchers share it (pipelined, a round trip a tick). Passwords stay here: the API only ever sees
 * `ConnectionInfo`, whose label has the password removed.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../../../shared/contract/errors';
import type { ConnectionInfo, ServerInfo } from '../../../shared/contract/models';
import { toAppError } from '../errors';
import { pairsToRecord } from '../redis/replies';
import { parseRedisUrl } from './url';

export interface ConnectArgs {
  url: string;
  readOnly?: boolean;
  timeoutMs?: number;
}

interface OpenConnection {
  info: ConnectionInfo;
  redis: Redis;
  target: string;
}

/** Called with the id of a connection that is closing, so watchers using it can stop. */
type CloseListener = (connectionId: string) => void;

export class ConnectionService {
  private readonly open = new Map<string, OpenConnection>();
  private readonly closeListeners = new Set<CloseListener>();

  async connect({ url, readOnly = false, timeoutMs = 5000 }: ConnectArgs): Promise<ConnectionInfo> {
    const parsed = parseRedisUrl(url);
    const target = `${parsed.host}:${parsed.port}`;
    const options: RedisOptions = {
      host: parsed.host,
      port: parsed.port,
      db: parsed.db,
      username: parsed.username ?? undefined,
      password: parsed.password ?? undefined,
      // Pinned: our reply parsing is tested against RESP2 shapes, and 5.0 servers speak nothing else.
      protocol: 2,
      lazyConnect: true,
      connectTimeout: timeoutMs,
      commandTimeout: Math.max(timeoutMs * 3, 15000),
      maxRetriesPerRequest: 1,
      // Fail fast while connecting; once connected, reconnect with a short backoff.
      retryStrategy: () => null,
      // Our own INFO right after connecting does the ready check, and reports LOADING or NOPERM as such.
      enableReadyCheck: false,
      connectionName: 'stream-inspector',
      tls: parsed.tls ? { servername: isIP(parsed.host) ? undefined : parsed.host } : undefined,
    };
    const redis = new Redis(options);
    let lastError: unknown;
    redis.on('error', (error) => (lastError = error));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    try {
      // One deadline for the whole handshake: TCP, TLS, AUTH, the ready check and INFO.
      const server = await Promise.race([redis.connect().then(() => readServerInfo(redis, parsed.db)), deadline]);
      redis.options.retryStrategy = (attempt) => Math.min(200 * attempt, 2000);
      const info: ConnectionInfo = {
        id: randomUUID(),
        label: parsed.label,
        host: parsed.host,
        port: parsed.port,
        db: parsed.db,
        tls: parsed.tls,
        username: parsed.username,
        readOnly,
        server,
      };
      this.open.set(info.id, { info, redis, target });
      return info;
    } catch (error) {
      redis.disconnect();
      const failure = toAppError(connectFailure(error, lastError), target);
      if (parsed.tls && failure.code === 'TIMEOUT') {
        // A plain server never answers a TLS hello: the likeliest cause, so say it.
        throw new AppError('TLS_ERROR', `${failure.message} If this server does not use TLS, connect with redis:// instead of rediss://.`);
      }
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  list(): ConnectionInfo[] {
    return [...this.open.values()].map((connection) => connection.info);
  }

  /** The client for reads. Throws NOT_CONNECTED for an unknown id. */
  reader(connectionId: string): Redis {
    return this.get(connectionId).redis;
  }

  /** The client for writes. Throws READ_ONLY when the user opened the connection read-only. */
  writer(connectionId: string): Redis {
    const connection = this.get(connectionId);
    if (connection.info.readOnly) {
      throw new AppError('READ_ONLY', `${connection.info.label} was opened read-only, so nothing was written. Reconnect without "Read-only" to publish.`);
    }
    return connection.redis;
  }

  /** "host:port" of a connection, for error messages. */
  target(connectionId: string): string {
    return this.get(connectionId).target;
  }

  onClose(listener: CloseListener): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async disconnect(connectionId: string): Promise<void> {
    const connection = this.open.get(connectionId);
    if (!connection) return;
    this.open.delete(connectionId);
    this.closeListeners.forEach((listener) => listener(connectionId));
    await connection.redis.quit().catch(() => connection.redis.disconnect());
  }

  async disconnectAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.disconnect(id)));
  }

  private get(connectionId: string): OpenConnection {
    const connection = this.open.get(connectionId);
    if (!connection) throw new AppError('NOT_CONNECTED', 'That connection is closed. Connect again.');
    return connection;
  }
}

/** ioredis sometimes rejects with a generic "Connection is closed." after emitting the real cause. */
function connectFailure(error: unknown, emitted: unknown): unknown {
  const message = (error as Error | undefined)?.message ?? '';
  return emitted && /Connection is closed|Stream isn't writeable/i.test(message) ? emitted : error;
}

/**
 * Version and mode from INFO server; a least-privilege ACL user may not run INFO (it is in
 * @dangerous), so HELLO (in @connection) answers instead, and failing that "unknown".
 */
async function readServerInfo(redis: Redis, db: number): Promise<ServerInfo> {
  if (db !== 0) {
    // ioredis selects the database on its own but only emits a failure; ask again so an index
    // the server does not have is an error here, not a silent fallback to database 0.
    try {
      await redis.select(db);
    } catch (error) {
      if (/out of range|invalid DB index/i.test((error as Error).message)) {
        throw new AppError('INVALID_URL', `Database ${db} does not exist on this server (see its "databases" setting). Pick another number after the slash.`);
      }
      throw error;
    }
  }
  try {
    return parseServerInfo(String(await redis.info('server')));
  } catch (error) {
    if (!(error as Error).message.startsWith('NOPERM')) throw error;
  }
  try {
    const hello = pairsToRecord(await redis.call('HELLO'));
    return { version: String(hello.version ?? 'unknown'), mode: String(hello.mode ?? 'unknown') };
  } catch {
    return { version: 'unknown', mode: 'unknown' };
  }
}

export function parseServerInfo(info: string): ServerInfo {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  return { version: field('redis_version') ?? 'unknown', mode: field('redis_mode') ?? 'standalone' };
}
