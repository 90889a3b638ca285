/**
 * Every member of the contract, called through the typed client over the in-memory transport:
 * exactly what a host does, minus the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Api } from '../../shared/contract/api';
import { AppError } from '../../shared/contract/errors';
import type { GroupsSnapshot } from '../../shared/contract/models';
import { createClient, type Client } from '../../shared/rpc/client';
import { listSpecs } from '../../shared/rpc/define';
import { createMemoryTransportPair } from '../../shared/rpc/memory';
import { PROJECT_SCHEMAS_DIR } from '../../tests/support/core';
import { useRedisServer } from '../../tests/support/redis';
import { createCore, type Core } from '.';

const fixture = useRedisServer();
const STREAM = 'identity.user.v1';
let core: Core;
let client: Client<Api>;
let session: { close(): void };

beforeAll(async () => {
  core = await createCore({ schemasDir: PROJECT_SCHEMAS_DIR });
  const pair = createMemoryTransportPair();
  session = core.router.serve(pair.server);
  client = createClient(api, pair.client);
  await fixture.redis.xgroup('CREATE', STREAM, 'linting_group', '$', 'MKSTREAM');
});
afterAll(async () => {
  session.close();
  await core.dispose();
});

const called = new Set<string>();
const track = (name: string) => called.add(name);

describe('the API through the in-memory transport', () => {
  let connectionId: string;

  it('connections.connect / list', async () => {
    track('connections.connect');
    track('connections.list');
    const info = await client.connections.connect({ url: fixture.url });
    connectionId = info.id;
    expect(await client.connections.list({})).toEqual([info]);
  });

  it('schemas.catalog / template / validate', async () => {
    track('schemas.catalog');
    track('schemas.template');
    track('schemas.validate');
    const catalog = await client.schemas.catalog({});
    expect(catalog.streams.map((stream) => stream.stream)).toContain(STREAM);
    const template = await client.schemas.template({ stream: STREAM, eventType: 'user.created' });
    expect(await client.schemas.validate({ stream: STREAM, event: template })).toMatchObject({ status: 'valid' });
  });

  it('publish.publish, then streams.list / entries show it', async () => {
    track('publish.publish');
    track('streams.list');
    track('streams.entries');
    const event = await client.schemas.template({ stream: STREAM, eventType: 'user.deleted' });
    const published = await client.publish.publish({ connectionId, key: STREAM, event });
    const progress: number[] = [];
    const streams = await client.streams.list({ connectionId }, { onProgress: (report) => progress.push(report.done) });
    expect(streams.find((stream) => stream.key === STREAM)).toMatchObject({ length: 1, lastEntryId: published.id, groups: 1 });
    expect(progress.length).toBeGreaterThan(0);
    const page = await client.streams.entries({ connectionId, key: STREAM });
    expect(page.entries[0]).toEqual(published.entry);
    track('streams.entry');
    track('streams.watch');
    const pushed: Array<Array<{ key: string; length: number }>> = [];
    const stopWatch = client.streams.watch({ connectionId, keys: [STREAM, 'no-such-stream'], intervalMs: 500 }, { next: (value) => pushed.push(value) });
    await expect.poll(() => pushed.length, { timeout: 3000 }).toBeGreaterThanOrEqual(1);
    expect(pushed[0]).toEqual([expect.objectContaining({ key: STREAM, length: 1, lastEntryId: published.id })]);
    await fixture.redis.xadd(STREAM, '*', 'event', event);
    await expect.poll(() => pushed.at(-1)?.[0]?.length, { timeout: 3000 }).toBe(2);
    stopWatch();
    expect(await client.streams.entry({ connectionId, key: STREAM, id: published.id })).toEqual(published.entry);
  });

  it('groups.snapshot / watch', async () => {
    track('groups.snapshot');
    track('groups.watch');
    expect((await client.groups.snapshot({ connectionId, key: STREAM })).groups[0]!.name).toBe('linting_group');
    const snapshots: GroupsSnapshot[] = [];
    const stop = client.groups.watch({ connectionId, key: STREAM, intervalMs: 250 }, { next: (snapshot) => snapshots.push(snapshot) });
    await expect.poll(() => snapshots.length, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
    stop();
    await expect.poll(() => core.services.groups.activeWatchers).toBe(0);
  });

  it('errors cross as data with a code', async () => {
    const invalid = await client.publish.publish({ connectionId, key: STREAM, event: '{"event_type":"user.created"}' }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(AppError);
    expect(invalid).toMatchObject({ code: 'EVENT_INVALID', details: { issues: expect.any(Array) } });
  });

  it('every argument is validated before a handler runs', async () => {
    const bad = [
      () => client.streams.entries({ connectionId, key: STREAM, before: 'not-an-id' }),
      () => client.streams.entries({ connectionId, key: STREAM, count: 100000 }),
      () => client.streams.list({ connectionId, extra: true } as never),
      () => client.connections.connect({} as never),
      () => client.publish.publish({ connectionId, key: '', event: '{}' }),
    ];
    for (const call of bad) await expect(call()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a subscription with bad arguments ends with an error', async () => {
    const error = await new Promise<AppError>((resolve) => {
      client.groups.watch({ connectionId, key: STREAM, intervalMs: 1 }, { next: () => undefined, error: resolve });
    });
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('a call can be cancelled', async () => {
    let cancel: (() => void) | undefined;
    const call = client.streams.list({ connectionId }, { onCancellable: (fn) => (cancel = fn) });
    cancel!();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses a request id that is already in use, so nothing is orphaned', async () => {
    const pair = createMemoryTransportPair();
    const raw = core.router.serve(pair.server);
    const replies: unknown[] = [];
    pair.client.onMessage((message) => replies.push(message));
    const args = { connectionId, key: STREAM, intervalMs: 250 };
    pair.client.send({ type: 'subscribe', id: 7, topic: 'groups.watch', args });
    pair.client.send({ type: 'subscribe', id: 7, topic: 'groups.watch', args });
    await expect.poll(() => replies.some((reply) => (reply as { type: string }).type === 'error')).toBe(true);
    expect(replies.find((reply) => (reply as { type: string }).type === 'error')).toMatchObject({ id: 7, error: { code: 'INVALID_ARGUMENT' } });
    raw.close();
    expect(core.services.groups.activeWatchers).toBe(0);
  });

  it('connections.disconnect', async () => {
    track('connections.disconnect');
    await client.connections.disconnect({ connectionId });
    await expect(client.streams.list({ connectionId })).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('covered every member of the contract', () => {
    expect([...called].sort()).toEqual(listSpecs(api).map(([domain, name]) => `${domain}.${name}`).sort());
  });
});
