import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../lib/redis-server';
import { EVENT_FIELD, EVENT_TYPES, makeEvent, makeInvalidEvent } from './events';
import { DEFAULT_SCHEMAS_DIR, loadEventValidator } from './schemas';
import { GROUPS, GROUPS_BY_STREAM, seedBus, STREAMS } from './seed';
import { CONSUMERS, PRODUCER_ROLES, startTraffic } from './traffic';

/** A flat RESP2 map reply (`[name, value, …]`) as an object. */
function toRecord(reply: unknown): Record<string, unknown> {
  const items = reply as unknown[];
  const record: Record<string, unknown> = {};
  for (let index = 0; index + 1 < items.length; index += 2) record[String(items[index])] = items[index + 1];
  return record;
}

let server: RedisServerHandle;
let redis: Redis;

const groupsOf = async (stream: string) => ((await redis.call('XINFO', 'GROUPS', stream)) as unknown[]).map(toRecord);
const consumersOf = async (stream: string, group: string) =>
  ((await redis.call('XINFO', 'CONSUMERS', stream, group)) as unknown[]).map(toRecord);
const streamInfo = async (stream: string) => toRecord(await redis.call('XINFO', 'STREAM', stream));
const trafficClients = async () =>
  String(await redis.client('LIST'))
    .split('\n')
    .filter((line) => line.includes('name=seed-bus:'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url, { protocol: 2 });
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

beforeEach(async () => {
  await redis.flushall(); // our own throwaway server
});

describe('seedBus', () => {
  it('creates the streams and groups at $ and is safe to run again', async () => {
    const existingId = await redis.xadd(STREAMS.identity, '*', EVENT_FIELD, JSON.stringify(makeEvent('user.created')));
    const result = await seedBus(redis, { history: 0, spellHistory: 0 });

    expect(result.createdStreams.sort()).toEqual([STREAMS.identityDlq, STREAMS.spell].sort());
    expect(result.createdGroups).toHaveLength(4);

    for (const [stream, groups] of Object.entries(GROUPS_BY_STREAM)) {
      expect(await redis.type(stream)).toBe('stream');
      const info = await streamInfo(stream);
      const groupInfo = await groupsOf(stream);
      expect(groupInfo.map((group) => group.name).sort()).toEqual([...groups].sort());
      for (const group of groupInfo) {
        expect(group['last-delivered-id']).toBe(info['last-generated-id']);
        expect(group.lag).toBe(0);
        expect(group.pending).toBe(0);
      }
    }
    expect((await groupsOf(STREAMS.identity))[0]!['last-delivered-id']).toBe(existingId);
    expect(await redis.xlen(STREAMS.identityDlq)).toBe(0);

    const again = await seedBus(redis, { history: 0, spellHistory: 0 });
    expect(again.createdStreams).toEqual([]);
    expect(again.createdGroups).toEqual([]);
    expect((await groupsOf(STREAMS.identity)).map((group) => group['last-delivered-id'])).toEqual([existingId, existingId, existingId]);
  });

  it('writes history the groups have not read, one `event` field per entry, some of it invalid', async () => {
    const result = await seedBus(redis);
    expect(await redis.xlen(STREAMS.identity)).toBe(40);
    expect(await redis.xlen(STREAMS.spell)).toBe(15);
    for (const group of await groupsOf(STREAMS.identity)) {
      expect(group['last-delivered-id']).toBe('0-0');
      expect(group.lag).toBe(40);
    }

    const validator = loadEventValidator();
    let invalid = 0;
    const entries = [...(await redis.xrange(STREAMS.identity, '-', '+')), ...(await redis.xrange(STREAMS.spell, '-', '+'))];
    const now = Date.now();
    for (const [id, fields] of entries) {
      expect(fields[0]).toBe(EVENT_FIELD);
      expect(fields).toHaveLength(2);
      const idMs = Number(id.split('-')[0]);
      expect(idMs).toBeGreaterThan(now - 11 * 60_000);
      expect(idMs).toBeLessThanOrEqual(now);
      if (validator.check(JSON.parse(fields[1]!)).length > 0) invalid++;
    }
    expect(invalid).toBe(result.invalidHistory);
    expect(invalid).toBe(5 + 2);
  });
});

describe('schemas and events', () => {
  it('loads both drafts into one Ajv 2020 instance and finds every event type', () => {
    const validator = loadEventValidator();
    expect([...validator.eventTypes].sort()).toEqual([...EVENT_TYPES].sort());
    const draftOf = (file: string) => (JSON.parse(readFileSync(join(DEFAULT_SCHEMAS_DIR, file), 'utf8')) as { $schema: string }).$schema;
    expect(draftOf('envelope.v1.json')).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(draftOf('identity.user.v1/user.created.v1.json')).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(draftOf('spell.user-dict.v1/words.added.v1.json')).toBe('http://json-schema.org/draft-07/schema#');
  });

  it.each(EVENT_TYPES)('%s: built events pass their schema, buggy ones fail it', (type) => {
    const validator = loadEventValidator();
    for (let round = 0; round < 40; round++) {
      const good = makeEvent(type);
      expect(validator.check(good), JSON.stringify(good)).toEqual([]);
      const { event, defect } = makeInvalidEvent(type);
      expect(event.event_type).toBe(type);
      const errors = validator.check(event);
      expect(errors.length, `${defect}: ${JSON.stringify(event)}`).toBeGreaterThan(0);
      expect(errors.join()).not.toContain('no schema');
      expect(validator.check(makeEvent(type, { valid: false })).length).toBeGreaterThan(0);
    }
  });
});

describe('startTraffic', () => {
  it('runs the bus: linting keeps up, export falls behind, failures reach the DLQ, a dead consumer keeps its entries', async () => {
    await seedBus(redis);
    const traffic = startTraffic(server.url, { speed: 3 });
    await pause(3000);

    const groups = Object.fromEntries((await groupsOf(STREAMS.identity)).map((group) => [group.name, group]));
    const linting = groups[GROUPS.linting]!;
    const exporting = groups[GROUPS.export]!;
    const spellConsumers = Object.fromEntries(
      (await consumersOf(STREAMS.identity, GROUPS.spellcheck)).map((consumer) => [consumer.name, consumer]),
    );
    const backend = (await groupsOf(STREAMS.spell))[0]!;
    const dlq = await redis.xrange(STREAMS.identityDlq, '-', '+');

    await traffic.stop();
    expect(await trafficClients()).toEqual([]);

    expect(await redis.xlen(STREAMS.identity)).toBeGreaterThan(40);
    expect(Number(exporting.lag)).toBeGreaterThan(Number(linting.lag));
    expect(Number(exporting.pending)).toBeGreaterThan(Number(linting.pending));
    expect(Number(linting.lag)).toBeLessThanOrEqual(2);
    expect(Number(backend.lag)).toBeLessThanOrEqual(2);

    expect(Number(spellConsumers[CONSUMERS.deadSpellchecker]?.pending)).toBeGreaterThan(0);

    expect(dlq.length).toBeGreaterThan(0);
    const [, fields] = dlq[0]!;
    const names = fields.filter((_, index) => index % 2 === 0);
    expect(names).toEqual(['event', 'error', 'original_id', 'group', 'consumer', 'deliveries']);
    const record = toRecord(fields) as Record<string, string>;
    expect(record.group).toBe(GROUPS.spellcheck);
    expect(record.consumer).toBe(CONSUMERS.spellchecker);
    expect(Number(record.deliveries)).toBeGreaterThanOrEqual(3);
    expect(record.error.length).toBeGreaterThan(0);
    const [original] = await redis.xrange(STREAMS.identity, record.original_id, record.original_id);
    expect(original?.[1][1]).toBe(record.event);
    // Moved entries are acked: none of them is still pending.
    const pendingIds = ((await redis.call('XPENDING', STREAMS.identity, GROUPS.spellcheck, '-', '+', 1000)) as string[][]).map((row) => row[0]);
    for (const [, entryFields] of dlq) expect(pendingIds).not.toContain(toRecord(entryFields).original_id);

    expect(traffic.stats().deadLettered).toBe(await redis.xlen(STREAMS.identityDlq));
  });

  it('can run only the producers, and stop() closes its connections', async () => {
    await seedBus(redis, { history: 0, spellHistory: 0 });
    const traffic = startTraffic(server.url, { roles: PRODUCER_ROLES, speed: 5, invalidRatio: 0 });
    await pause(1000);
    expect((await trafficClients()).length).toBe(2);
    await traffic.stop();
    await traffic.stop();
    expect(await trafficClients()).toEqual([]);

    const stats = traffic.stats();
    expect(await redis.xlen(STREAMS.identity)).toBe(stats.produced[STREAMS.identity]);
    expect(stats.produced[STREAMS.identity]).toBeGreaterThan(2);
    for (const group of await groupsOf(STREAMS.identity)) expect(group.consumers).toBe(0);

    const validator = loadEventValidator();
    for (const [, fields] of await redis.xrange(STREAMS.identity, '-', '+')) expect(validator.check(JSON.parse(fields[1]!))).toEqual([]);
  });
});
