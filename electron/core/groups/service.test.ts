import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GroupsSnapshot } from '../../../shared/contract/models';
import { PROJECT_SCHEMAS_DIR, useConnectedCore } from '../../../tests/support/core';
import { startRedisServer } from '../../../scripts/lib/redis-server';
import { createCore } from '..';
import { useRedisServer } from '../../../tests/support/redis';
import { pairsToRecord } from '../redis/replies';
import { buildSnapshot } from './parse';

const fixture = useRedisServer();
const connected = useConnectedCore(fixture);

async function arrangeGroups(key: string) {
  const redis = fixture.redis;
  for (let index = 0; index < 10; index++) await redis.xadd(key, '*', 'n', String(index));
  await redis.xgroup('CREATE', key, 'fast', '0');
  await redis.xgroup('CREATE', key, 'slow', '0');
  await redis.xgroup('CREATE', key, 'idle', '$');
  const read = (await redis.xreadgroup('GROUP', 'fast', 'f1', 'COUNT', 10, 'STREAMS', key, '>')) as [string, [string, string[]][]][];
  await redis.xack(key, 'fast', ...read[0]![1].map(([id]) => id));
  await redis.xreadgroup('GROUP', 'slow', 's1', 'COUNT', 3, 'STREAMS', key, '>');
  await redis.xreadgroup('GROUP', 'slow', 's2', 'COUNT', 2, 'STREAMS', key, '>');
}

describe('groups.snapshot', () => {
  it('equals what XINFO GROUPS and XINFO CONSUMERS say', async () => {
    const key = `${fixture.prefix()}orders`;
    await arrangeGroups(key);
    const snapshot = await connected.core.services.groups.snapshot(connected.connectionId, key);

    const groups = ((await fixture.redis.xinfo('GROUPS', key)) as unknown[]).map(pairsToRecord);
    expect(snapshot.groups.map((group) => group.name)).toEqual(groups.map((group) => group.name));
    for (const expected of groups) {
      const actual = snapshot.groups.find((group) => group.name === expected.name)!;
      expect(actual).toMatchObject({
        pending: expected.pending,
        lastDeliveredId: expected['last-delivered-id'],
        entriesRead: expected['entries-read'] ?? null,
        lag: expected.lag ?? null,
      });
      const consumers = ((await fixture.redis.xinfo('CONSUMERS', key, String(expected.name))) as unknown[]).map(pairsToRecord);
      expect(actual.consumers.map(({ name, pending }) => ({ name, pending }))).toEqual(consumers.map(({ name, pending }) => ({ name, pending })));
    }
    const slow = snapshot.groups.find((group) => group.name === 'slow')!;
    expect(slow).toMatchObject({ pending: 5, lag: 5, entriesRead: 5 });
    expect(snapshot.groups.find((group) => group.name === 'fast')).toMatchObject({ pending: 0, lag: 0 });
    expect(snapshot.length).toBe(10);
  });

  it('notices a group created after the previous snapshot', async () => {
    const key = `${fixture.prefix()}late`;
    await arrangeGroups(key);
    await connected.core.services.groups.snapshot(connected.connectionId, key);
    await fixture.redis.xgroup('CREATE', key, 'newcomer', '0');
    await fixture.redis.xreadgroup('GROUP', 'newcomer', 'n1', 'COUNT', 4, 'STREAMS', key, '>');
    const snapshot = await connected.core.services.groups.snapshot(connected.connectionId, key);
    expect(snapshot.groups.find((group) => group.name === 'newcomer')).toMatchObject({ pending: 4, consumers: [expect.objectContaining({ name: 'n1', pending: 4 })] });
  });

  it('carries on when a group is destroyed or the stream is re-created between snapshots', async () => {
    const key = `${fixture.prefix()}churn`;
    await arrangeGroups(key);
    await connected.core.services.groups.snapshot(connected.connectionId, key);
    await fixture.redis.xgroup('DESTROY', key, 'slow');
    expect((await connected.core.services.groups.snapshot(connected.connectionId, key)).groups.map((group) => group.name)).toEqual(['fast', 'idle']);
    await fixture.redis.del(key);
    await fixture.redis.xgroup('CREATE', key, 'fresh', '$', 'MKSTREAM');
    const snapshot = await connected.core.services.groups.snapshot(connected.connectionId, key);
    expect(snapshot.groups.map((group) => group.name)).toEqual(['fresh']);
    expect(snapshot.length).toBe(0);
  });

  it('says a missing stream is missing', async () => {
    await expect(connected.core.services.groups.snapshot(connected.connectionId, `${fixture.prefix()}none`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('groups.watch', () => {
  it('pushes fresh snapshots each tick and stops when the last subscriber leaves', async () => {
    const key = `${fixture.prefix()}live`;
    await arrangeGroups(key);
    const seen: GroupsSnapshot[] = [];
    const stop = connected.core.services.groups.watch(connected.connectionId, key, 250, { next: (value) => seen.push(value), error: (error) => { throw error; } });
    await expect.poll(() => seen.length, { timeout: 3000 }).toBeGreaterThanOrEqual(1);
    await fixture.redis.xadd(key, '*', 'n', 'more');
    await fixture.redis.xadd(key, '*', 'n', 'more');
    await expect.poll(() => seen.at(-1)!.groups.find((group) => group.name === 'slow')!.lag, { timeout: 3000 }).toBe(7);
    expect(connected.core.services.groups.activeWatchers).toBe(1);
    stop();
    expect(connected.core.services.groups.activeWatchers).toBe(0);
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(seen.length).toBe(count);
  });
});

describe('groups.watch when the stream goes away', () => {
  it('keeps the last data with a problem, and resumes when the stream is back', async () => {
    const key = `${fixture.prefix()}flaky`;
    await arrangeGroups(key);
    const seen: GroupsSnapshot[] = [];
    const errors: unknown[] = [];
    const stop = connected.core.services.groups.watch(connected.connectionId, key, 250, { next: (value) => seen.push(value), error: (error) => errors.push(error) });
    await expect.poll(() => seen.length, { timeout: 3000 }).toBeGreaterThanOrEqual(1);
    await fixture.redis.del(key);
    await expect.poll(() => seen.at(-1)?.problem, { timeout: 3000 }).toMatch(/no longer exists/);
    expect(seen.at(-1)!.groups.map((group) => group.name)).toEqual(['fast', 'idle', 'slow']);
    await fixture.redis.xgroup('CREATE', key, 'again', '$', 'MKSTREAM');
    await expect.poll(() => seen.at(-1)?.groups.map((group) => group.name), { timeout: 3000 }).toEqual(['again']);
    expect(seen.at(-1)!.problem).toBeUndefined();
    expect(errors).toEqual([]);
    stop();
  });
});

describe('groups.watch when Redis goes away', () => {
  it('pauses with the last figures and a message instead of ending', async () => {
    const server = await startRedisServer();
    const core = await createCore({ schemasDir: PROJECT_SCHEMAS_DIR });
    try {
      const { id } = await core.connections.connect({ url: server.url });
      const redis = core.connections.reader(id);
      await redis.xadd('s', '*', 'n', '1');
      await redis.xgroup('CREATE', 's', 'g', '0');
      const seen: GroupsSnapshot[] = [];
      const errors: unknown[] = [];
      const stop = core.services.groups.watch(id, 's', 250, { next: (value) => seen.push(value), error: (error) => errors.push(error) });
      await expect.poll(() => seen.length, { timeout: 3000 }).toBeGreaterThanOrEqual(1);
      await server.stop();
      await expect.poll(() => seen.at(-1)?.problem, { timeout: 5000 }).toMatch(/lost|Nothing is listening|reconnect/i);
      expect(seen.at(-1)!.groups.map((group) => group.name)).toEqual(['g']);
      expect(errors).toEqual([]);
      stop();
    } finally {
      await core.dispose();
      await server.stop();
    }
  });
});

describe('buildSnapshot on replies recorded from every server version', () => {
  const dir = resolve(import.meta.dirname, '../../../tests/fixtures/redis-replies');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));

  it.each(files)('%s', (file) => {
    const recording = JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as { version: string; replies: Array<{ command: string[]; reply: unknown }> };
    const reply = (command: string) => recording.replies.find((item) => item.command.join(' ') === command)!.reply;
    const snapshot = buildSnapshot({
      key: 's',
      at: 0,
      stream: reply('XINFO STREAM s'),
      groups: reply('XINFO GROUPS s'),
      consumers: new Map([['g_all', reply('XINFO CONSUMERS s g_all')]]),
    });
    const major = Number(recording.version.split('.')[0]);
    const all = snapshot.groups.find((group) => group.name === 'g_all')!;
    expect(snapshot.length).toBe(11);
    expect(snapshot.lastGeneratedId).toBe('1700000000011-0');
    expect(snapshot.groups.map((group) => group.name).sort()).toEqual(['g_all', 'g_mid', 'g_new']);
    expect(all).toMatchObject({ pending: 5, lastDeliveredId: '1700000000009-0' });
    expect(all.consumers.find((consumer) => consumer.name === 'c1')).toMatchObject({ pending: 5 });
    // c2 never received an entry: "inactive" is -1 on 7.2+ and absent before; both mean unknown.
    expect(all.consumers.find((consumer) => consumer.name === 'c2')?.inactiveMs ?? null).toBeNull();
    if (major >= 7) expect(all).toMatchObject({ lag: 2, entriesRead: 10 });
    else expect(all).toMatchObject({ lag: null, entriesRead: null });
  });
});
