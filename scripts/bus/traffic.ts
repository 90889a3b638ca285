/**
 * Live traffic on the seed bus, so the inspector has something to watch:
 *
 * - producers on both streams, with a buggy producer that now and then writes an event its schema
 *   rejects;
 * - `linting_group`/`linter-1` keeps up;
 * - `export_group`/`exporter-1` reads slower than the producers write and acks slower still, so its
 *   lag and pending grow;
 * - `spellcheck_group`/`spellchecker-1` fails the invalid events (and a few others), re-claims its
 *   failed entries and, after `maxDeliveries` deliveries, moves them to `identity.user.v1.dlq` with
 *   the reason;
 * - `spellcheck_group`/`spellchecker-2` reads a few entries and dies without acking them, so their
 *   idle time grows;
 * - `backend_group`/`backend-1` keeps up with the dictionary stream.
 *
 * Every role has its own connection. Each loop reads a bounded batch, blocks for a bounded time and
 * checks for `stop()` between rounds; `stop()` ends the loops and closes exactly the connections
 * opened here.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { EVENT_FIELD, eventFields, makeInvalidEvent, pickEventType, UserPool } from './events';
import { loadEventValidator, type EventValidator } from './schemas';
import { GROUPS, STREAMS } from './seed';

export const CONSUMERS = {
  linter: 'linter-1',
  exporter: 'exporter-1',
  spellchecker: 'spellchecker-1',
  deadSpellchecker: 'spellchecker-2',
  backend: 'backend-1',
} as const;

export const TRAFFIC_ROLES = [
  'identity-producer',
  'spell-producer',
  'linter',
  'exporter',
  'spellchecker',
  'dead-spellchecker',
  'backend',
] as const;
export type TrafficRole = (typeof TRAFFIC_ROLES)[number];

/** Only the producers: for tests that watch groups they drive themselves. */
export const PRODUCER_ROLES: readonly TrafficRole[] = ['identity-producer', 'spell-producer'];

export interface TrafficOptions {
  /** Roles to run; default all of `TRAFFIC_ROLES`. */
  roles?: readonly TrafficRole[];
  /** Multiplies every rate (production, consumption, retries); 2 runs twice as fast. Default 1. */
  speed?: number;
  /** Mean pause between events on identity.user.v1, ms; default 700. */
  identityIntervalMs?: number;
  /** Mean pause between events on spell.user-dict.v1, ms; default 1500. */
  spellIntervalMs?: number;
  /** Share of produced events that violate their schema; default 1/8. */
  invalidRatio?: number;
  /** The exporter reads 2 entries and acks 1 every this many ms; default 2500. */
  exporterIntervalMs?: number;
  /** Deliveries after which the spellchecker moves a failing entry to the DLQ; default 3. */
  maxDeliveries?: number;
  /** Idle time after which the spellchecker re-claims an entry it failed, ms; default 1000. */
  retryAfterMs?: number;
  /** Share of valid events the spellchecker fails on every delivery; default 1/15. */
  failureRatio?: number;
  /** Share of first deliveries that fail once and then succeed when retried; default 0.1. */
  transientFailureRatio?: number;
  /** Entries spellchecker-2 reads before it dies; default 5. */
  deadConsumerReads?: number;
  /** Producers trim their stream to about this many entries (XADD MAXLEN ~); default 50000. */
  maxLength?: number;
  /** Schema folder the spellchecker validates against; default the project's `schemas/`. */
  schemasDir?: string;
  /** Called when a loop hits an error (it backs off and carries on). Default: a warning, once per distinct message. */
  onError?: (role: TrafficRole, error: Error) => void;
}

export interface TrafficStats {
  produced: Record<string, number>;
  producedInvalid: number;
  acked: Record<string, number>;
  deadLettered: number;
}

export interface Traffic {
  readonly roles: readonly TrafficRole[];
  stats(): TrafficStats;
  /** Ends every loop and closes every connection this traffic opened. Idempotent. */
  stop(): Promise<void>;
}

interface Entry {
  id: string;
  fields: string[] | null;
}

/** Entries of the one stream in an XREADGROUP reply (RESP2 shape). */
function readReplyEntries(reply: unknown): Entry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const [, entries] = reply[0] as [string, unknown[]];
  return claimReplyEntries(entries);
}

/** Entries in an XCLAIM / XRANGE reply. Entries deleted meanwhile come back without fields. */
function claimReplyEntries(reply: unknown): Entry[] {
  if (!Array.isArray(reply)) return [];
  return reply
    .filter((item): item is [string, string[] | null] => Array.isArray(item))
    .map(([id, fields]) => ({ id: String(id), fields: Array.isArray(fields) ? fields.map(String) : null }));
}

function fieldValue(fields: string[] | null, name: string): string | undefined {
  if (!fields) return undefined;
  for (let index = 0; index + 1 < fields.length; index += 2) if (fields[index] === name) return fields[index + 1];
  return undefined;
}

/** A number in [0, 1) fixed by the entry ID, so a "bad" entry stays bad on every delivery. */
function idFraction(id: string): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) / 2 ** 32;
}

const PERSISTENT_FAILURES = [
  'dictionary service unavailable: connect ECONNREFUSED 10.0.3.17:7700',
  'tokenizer failed on payload.display_name: unsupported script',
  'no spell-check dictionary loaded for the user\'s locale',
] as const;
const TRANSIENT_FAILURE = 'timed out after 5000 ms waiting for a dictionary lookup';

export function startTraffic(url: string, options: TrafficOptions = {}): Traffic {
  const roles = [...new Set(options.roles ?? TRAFFIC_ROLES)];
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const scaled = (ms: number) => Math.max(10, Math.round(ms / speed));
  const identityIntervalMs = scaled(options.identityIntervalMs ?? 700);
  const spellIntervalMs = scaled(options.spellIntervalMs ?? 1500);
  const exporterIntervalMs = scaled(options.exporterIntervalMs ?? 2500);
  const retryAfterMs = scaled(options.retryAfterMs ?? 1000);
  const invalidRatio = options.invalidRatio ?? 1 / 8;
  const maxDeliveries = Math.max(1, options.maxDeliveries ?? 3);
  const failureRatio = options.failureRatio ?? 1 / 15;
  const transientFailureRatio = options.transientFailureRatio ?? 0.1;
  const deadConsumerReads = Math.max(1, options.deadConsumerReads ?? 5);
  const maxLength = options.maxLength ?? 50_000;
  /** Longest a blocking read waits, which bounds how long stop() takes. */
  const blockMs = 500;

  const stats: TrafficStats = {
    produced: { [STREAMS.identity]: 0, [STREAMS.spell]: 0 },
    producedInvalid: 0,
    acked: {},
    deadLettered: 0,
  };
  const countAcks = (consumer: string, count: number) => {
    stats.acked[consumer] = (stats.acked[consumer] ?? 0) + count;
  };

  let stopped = false;
  const reported = new Set<string>();
  const report = (role: TrafficRole, error: unknown) => {
    if (stopped) return;
    const err = error instanceof Error ? error : new Error(String(error));
    if (options.onError) return options.onError(role, err);
    const key = `${role}: ${err.message}`;
    if (reported.has(key)) return;
    reported.add(key);
    console.warn(`[traffic] ${key}`);
  };

  // Sleeps that stop() cuts short.
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const jittered = (ms: number) => Math.round(ms * (0.6 + Math.random() * 0.8));

  const connections = new Set<Redis>();
  const open = (role: TrafficRole, consumer?: string): Redis => {
    const connection = new Redis(url, {
      protocol: 2,
      connectionName: `seed-bus:${consumer ?? role}`,
      maxRetriesPerRequest: 2,
    });
    connection.on('error', (error: unknown) => report(role, error));
    connections.add(connection);
    return connection;
  };
  /** QUIT when the server is there (bounded wait), otherwise just drop the socket and stop reconnecting. */
  const close = async (connection: Redis): Promise<void> => {
    const status = () => connection.status;
    if (status() === 'end') return;
    if (status() === 'ready') {
      const quit = connection.quit().then(
        () => undefined,
        () => undefined,
      );
      await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
    if (status() !== 'end') connection.disconnect();
  };

  const loops: Promise<void>[] = [];
  /** Runs `round` until stop(); an error is reported and the loop backs off for a second. */
  const run = (role: TrafficRole, round: () => Promise<boolean | void>) => {
    loops.push(
      (async () => {
        while (!stopped) {
          try {
            if ((await round()) === false) return; // the role is done
          } catch (error) {
            report(role, error);
            await sleep(1000);
          }
        }
      })(),
    );
  };

  const users = new UserPool();

  // Producers. The buggy producer shares the loop: about one event in 1/invalidRatio is its.
  const produce = (role: TrafficRole, stream: 'identity' | 'spell', intervalMs: number) => {
    const redis = open(role);
    const key = STREAMS[stream];
    run(role, async () => {
      await sleep(jittered(intervalMs));
      if (stopped) return;
      const type = pickEventType(stream);
      const invalid = Math.random() < invalidRatio;
      const event = invalid ? makeInvalidEvent(type).event : users.next(type);
      await redis.xadd(key, 'MAXLEN', '~', maxLength, '*', ...eventFields(event));
      stats.produced[key] = (stats.produced[key] ?? 0) + 1;
      if (invalid) stats.producedInvalid++;
    });
  };

  /** A consumer that acks everything it reads, as fast as it arrives. */
  const keepUp = (role: TrafficRole, stream: string, group: string, consumer: string) => {
    const redis = open(role, consumer);
    run(role, async () => {
      const reply = await redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', 100, 'BLOCK', blockMs, 'STREAMS', stream, '>');
      const entries = readReplyEntries(reply);
      if (entries.length === 0) return;
      countAcks(consumer, await redis.xack(stream, group, ...entries.map((entry) => entry.id)));
    });
  };

  if (roles.includes('identity-producer')) produce('identity-producer', 'identity', identityIntervalMs);
  if (roles.includes('spell-producer')) produce('spell-producer', 'spell', spellIntervalMs);
  if (roles.includes('linter')) keepUp('linter', STREAMS.identity, GROUPS.linting, CONSUMERS.linter);
  if (roles.includes('backend')) keepUp('backend', STREAMS.spell, GROUPS.backend, CONSUMERS.backend);

  if (roles.includes('exporter')) {
    // Reads 2 per round and acks 1 (the oldest it holds): lag and pending both grow. The backlog of
    // unacked IDs is capped so a demo left running for days stays bounded.
    const redis = open('exporter', CONSUMERS.exporter);
    const unacked: string[] = [];
    const maxUnacked = 500;
    run('exporter', async () => {
      const reply = await redis.call('XREADGROUP', 'GROUP', GROUPS.export, CONSUMERS.exporter, 'COUNT', 2, 'STREAMS', STREAMS.identity, '>');
      unacked.push(...readReplyEntries(reply).map((entry) => entry.id));
      const done = unacked.splice(0, Math.max(1, unacked.length - maxUnacked));
      if (done.length > 0) countAcks(CONSUMERS.exporter, await redis.xack(STREAMS.identity, GROUPS.export, ...done));
      await sleep(jittered(exporterIntervalMs));
    });
  }

  if (roles.includes('dead-spellchecker')) {
    // Reads a few entries, then stops for good without acking: its pending entries only age.
    const redis = open('dead-spellchecker', CONSUMERS.deadSpellchecker);
    let read = 0;
    run('dead-spellchecker', async () => {
      const reply = await redis.call(
        'XREADGROUP', 'GROUP', GROUPS.spellcheck, CONSUMERS.deadSpellchecker,
        'COUNT', deadConsumerReads - read, 'BLOCK', blockMs, 'STREAMS', STREAMS.identity, '>',
      );
      read += readReplyEntries(reply).length;
      if (read < deadConsumerReads) return true;
      await close(redis);
      return false;
    });
  }

  if (roles.includes('spellchecker')) {
    const redis = open('spellchecker', CONSUMERS.spellchecker);
    const consumer = CONSUMERS.spellchecker;
    let validator: EventValidator | undefined;
    /** Why each entry this consumer holds unacked last failed; bounded by the pending list. */
    const failures = new Map<string, string>();

    /** Returns why the entry fails, or null when it is processed fine. */
    const failureOf = (entry: Entry, delivery: number): string | null => {
      const json = fieldValue(entry.fields, EVENT_FIELD);
      if (json === undefined) return `entry has no "${EVENT_FIELD}" field`;
      let event: unknown;
      try {
        event = JSON.parse(json);
      } catch {
        return `"${EVENT_FIELD}" is not JSON`;
      }
      validator ??= loadEventValidator(options.schemasDir);
      const errors = validator.check(event);
      if (errors.length > 0) return `schema validation failed: ${errors.slice(0, 3).join('; ')}`;
      const fraction = idFraction(entry.id);
      if (fraction < failureRatio) return PERSISTENT_FAILURES[Math.floor((fraction / failureRatio) * PERSISTENT_FAILURES.length)]!;
      if (delivery === 1 && Math.random() < transientFailureRatio) return TRANSIENT_FAILURE;
      return null;
    };

    const handle = async (entries: Entry[], delivery: (id: string) => number) => {
      const ok: string[] = [];
      for (const entry of entries) {
        const failure = failureOf(entry, delivery(entry.id));
        if (failure === null) ok.push(entry.id);
        else failures.set(entry.id, failure);
      }
      if (ok.length === 0) return;
      countAcks(consumer, await redis.xack(STREAMS.identity, GROUPS.spellcheck, ...ok));
      for (const id of ok) failures.delete(id);
    };

    /** Moves an entry to the DLQ and acks it, in one transaction. */
    const deadLetter = async (id: string, deliveries: number) => {
      const [entry] = claimReplyEntries(await redis.xrange(STREAMS.identity, id, id));
      const error = failures.get(id) ?? 'failed before this consumer restarted';
      const replies = await redis
        .multi()
        .xadd(
          STREAMS.identityDlq, 'MAXLEN', '~', maxLength, '*',
          'event', fieldValue(entry?.fields ?? null, EVENT_FIELD) ?? '',
          'error', error,
          'original_id', id,
          'group', GROUPS.spellcheck,
          'consumer', consumer,
          'deliveries', String(deliveries),
        )
        .xack(STREAMS.identity, GROUPS.spellcheck, id)
        .exec();
      const failed = replies?.find(([replyError]) => replyError);
      if (failed?.[0]) throw failed[0];
      failures.delete(id);
      stats.deadLettered++;
    };

    let lastRetryScan = 0;
    run('spellchecker', async () => {
      const reply = await redis.call(
        'XREADGROUP', 'GROUP', GROUPS.spellcheck, consumer,
        'COUNT', 20, 'BLOCK', Math.min(blockMs, retryAfterMs), 'STREAMS', STREAMS.identity, '>',
      );
      await handle(readReplyEntries(reply), () => 1);

      if (Date.now() - lastRetryScan < retryAfterMs / 4) return;
      lastRetryScan = Date.now();
      // Its own pending entries only: spellchecker-2's are left alone, as a real service would
      // until someone notices the dead consumer.
      const pending = (await redis.call('XPENDING', STREAMS.identity, GROUPS.spellcheck, '-', '+', 100, consumer)) as Array<
        [string, string, number, number]
      >;
      const retry: string[] = [];
      const deliveries = new Map<string, number>();
      for (const [id, , idleMs, count] of pending) {
        if (Number(idleMs) < retryAfterMs) continue;
        if (Number(count) >= maxDeliveries) await deadLetter(String(id), Number(count));
        else {
          retry.push(String(id));
          deliveries.set(String(id), Number(count) + 1);
        }
      }
      if (retry.length === 0) return;
      // XCLAIM to itself: the entry comes back and its delivery count goes up by one.
      const claimed = claimReplyEntries(await redis.call('XCLAIM', STREAMS.identity, GROUPS.spellcheck, consumer, retryAfterMs, ...retry));
      const gone = claimed.filter((entry) => entry.fields === null).map((entry) => entry.id);
      if (gone.length > 0) await redis.xack(STREAMS.identity, GROUPS.spellcheck, ...gone);
      await handle(
        claimed.filter((entry) => entry.fields !== null),
        (id) => deliveries.get(id) ?? maxDeliveries,
      );
    });
  }

  let stopping: Promise<void> | undefined;
  const settle = (ms: number) =>
    Promise.race([Promise.allSettled(loops), new Promise((resolve) => setTimeout(resolve, ms).unref())]);

  return {
    roles,
    stats: () => structuredClone(stats),
    stop() {
      stopping ??= (async () => {
        stopped = true;
        for (const wake of [...sleepers]) wake();
        // Loops notice within one blocking read; if the server is gone they are stuck in retries,
        // which closing the connections ends.
        await settle(blockMs + 500);
        await Promise.all([...connections].map(close));
        await settle(1000);
      })();
      return stopping;
    },
  };
}
