/**
 * The seed bus our users run (events-core "Phase 3"): two streams and a dead-letter queue, four
 * consumer groups positioned at the end of their stream (`$`), and optionally a burst of history so
 * every screen has something to show. Safe to run again: existing streams and groups are kept.
 */
import type { Redis } from 'ioredis';
import { eventFields, makeInvalidEvent, pickEventType, UserPool, type EventEnvelope } from './events';

export const STREAMS = {
  identity: 'identity.user.v1',
  spell: 'spell.user-dict.v1',
  identityDlq: 'identity.user.v1.dlq',
} as const;

export const GROUPS = {
  linting: 'linting_group',
  export: 'export_group',
  spellcheck: 'spellcheck_group',
  backend: 'backend_group',
} as const;

/** Which groups read which stream. The DLQ has none: people read it. */
export const GROUPS_BY_STREAM: Record<string, readonly string[]> = {
  [STREAMS.identity]: [GROUPS.linting, GROUPS.export, GROUPS.spellcheck],
  [STREAMS.spell]: [GROUPS.backend],
  [STREAMS.identityDlq]: [],
};

export interface SeedOptions {
  /** Entries of history to add to `identity.user.v1` after the groups exist; default 40, 0 for none. */
  history?: number;
  /** Entries of history for `spell.user-dict.v1`; default 15, or 3/8 of `history` when that is given. */
  spellHistory?: number;
  /** Share of history events that violate their schema (written by the buggy producer); default 1/8. */
  invalidRatio?: number;
  /** History entry IDs are spread over this many milliseconds before now; default 10 minutes. */
  historySpanMs?: number;
}

export interface SeedResult {
  /** Streams that did not exist before. */
  createdStreams: string[];
  /** `stream/group` pairs that did not exist before. */
  createdGroups: string[];
  /** Entries of history written per stream. */
  history: Record<string, number>;
  /** How many of them are invalid. */
  invalidHistory: number;
}

const isBusyGroup = (error: unknown): boolean => error instanceof Error && error.message.startsWith('BUSYGROUP');

async function createGroup(redis: Redis, stream: string, group: string): Promise<boolean> {
  try {
    await redis.xgroup('CREATE', stream, group, '$', 'MKSTREAM');
    return true;
  } catch (error) {
    if (isBusyGroup(error)) return false;
    throw error;
  }
}

/** Creates an empty stream with no group: XGROUP CREATE … MKSTREAM is the only way to get one, so a group is made and dropped. */
async function createEmptyStream(redis: Redis, stream: string): Promise<void> {
  const bootstrapGroup = 'seed-bootstrap';
  await createGroup(redis, stream, bootstrapGroup);
  await redis.xgroup('DESTROY', stream, bootstrapGroup);
}

/** `last-generated-id` of a stream as [ms, seq], or [0, 0]. */
async function lastGeneratedId(redis: Redis, stream: string): Promise<[number, number]> {
  const reply = (await redis.call('XINFO', 'STREAM', stream)) as unknown[];
  for (let index = 0; index + 1 < reply.length; index += 2) {
    if (String(reply[index]) === 'last-generated-id') {
      const [ms, seq] = String(reply[index + 1]).split('-').map(Number);
      return [ms ?? 0, seq ?? 0];
    }
  }
  return [0, 0];
}

/** Picks `count` distinct positions out of `total`. */
function positions(total: number, count: number): Set<number> {
  const all = Array.from({ length: total }, (_, index) => index);
  for (let index = all.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [all[index], all[other]] = [all[other]!, all[index]!];
  }
  return new Set(all.slice(0, count));
}

interface Planned {
  stream: 'identity' | 'spell';
  at: number;
  invalid: boolean;
}

/**
 * Writes history with explicit IDs spread over the last `spanMs`, so entry times look like real
 * traffic rather than one burst. IDs always follow the stream's last generated ID.
 */
async function writeHistory(redis: Redis, counts: { identity: number; spell: number }, invalidRatio: number, spanMs: number): Promise<number> {
  const now = Date.now();
  const plan: Planned[] = [];
  for (const stream of ['identity', 'spell'] as const) {
    const count = counts[stream];
    const invalid = positions(count, Math.round(count * invalidRatio));
    for (let index = 0; index < count; index++) {
      plan.push({ stream, at: now - spanMs + Math.floor(Math.random() * spanMs), invalid: invalid.has(index) });
    }
  }
  plan.sort((a, b) => a.at - b.at);

  const last = {
    identity: await lastGeneratedId(redis, STREAMS.identity),
    spell: await lastGeneratedId(redis, STREAMS.spell),
  };
  const users = new UserPool();
  const pipeline = redis.pipeline();
  let invalidCount = 0;
  for (const item of plan) {
    const [lastMs, lastSeq] = last[item.stream];
    const next: [number, number] = item.at > lastMs ? [item.at, 0] : [lastMs, lastSeq + 1];
    last[item.stream] = next;
    const type = pickEventType(item.stream);
    const at = new Date(next[0] - Math.floor(Math.random() * 40));
    let event: EventEnvelope;
    if (item.invalid) {
      event = makeInvalidEvent(type, { at }).event;
      invalidCount++;
    } else {
      event = users.next(type, { at });
    }
    pipeline.xadd(STREAMS[item.stream], `${next[0]}-${next[1]}`, ...eventFields(event));
  }
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return invalidCount;
}

/**
 * Creates the seed bus's streams and groups (at `$`, MKSTREAM; existing ones are kept) and, unless
 * `history` is 0, adds a burst of history the groups have not read yet.
 */
export async function seedBus(redis: Redis, options: SeedOptions = {}): Promise<SeedResult> {
  const historyCount = options.history ?? 40;
  const spellHistoryCount = options.spellHistory ?? (options.history === undefined ? 15 : Math.round(historyCount * 0.375));
  const result: SeedResult = { createdStreams: [], createdGroups: [], history: {}, invalidHistory: 0 };

  for (const [stream, groups] of Object.entries(GROUPS_BY_STREAM)) {
    if ((await redis.exists(stream)) === 0) result.createdStreams.push(stream);
    else if ((await redis.type(stream)) !== 'stream') throw new Error(`${stream} exists and is not a stream`);
    if (groups.length === 0 && result.createdStreams.includes(stream)) await createEmptyStream(redis, stream);
    for (const group of groups) {
      if (await createGroup(redis, stream, group)) result.createdGroups.push(`${stream}/${group}`);
    }
  }

  if (historyCount > 0 || spellHistoryCount > 0) {
    result.invalidHistory = await writeHistory(
      redis,
      { identity: Math.max(0, historyCount), spell: Math.max(0, spellHistoryCount) },
      options.invalidRatio ?? 1 / 8,
      options.historySpanMs ?? 10 * 60_000,
    );
  }
  result.history = { [STREAMS.identity]: Math.max(0, historyCount), [STREAMS.spell]: Math.max(0, spellHistoryCount) };
  return result;
}
