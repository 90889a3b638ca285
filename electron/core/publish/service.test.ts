import { describe, expect, it } from 'vitest';
import { useConnectedCore } from '../../../tests/support/core';
import { useRedisServer } from '../../../tests/support/redis';

const fixture = useRedisServer();
const STREAM = 'identity.user.v1';
const connected = useConnectedCore(fixture);

const template = () => connected.core.services.schemas.template(STREAM, 'user.created');

describe('publish', () => {
  it('adds a valid event with XADD and returns the entry as stored', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const event = template();
    const result = await connected.core.services.publish.publish(connected.connectionId, STREAM, event);
    expect(await fixture.redis.xlen(STREAM)).toBe(before + 1);
    const [[id, fields]] = (await fixture.redis.xrevrange(STREAM, '+', '-', 'COUNT', 1)) as [[string, string[]]];
    expect(result.id).toBe(id);
    expect(fields).toEqual(['event', event]);
    expect(result.entry.validation.status).toBe('valid');
    const [newest] = (await connected.core.services.streams.entries(connected.connectionId, STREAM, null, 1)).entries;
    expect(newest).toEqual(result.entry);
  });

  it('refuses an invalid event with the error list and writes nothing', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const event = JSON.parse(template()) as { payload: Record<string, unknown> };
    event.payload.email = 'nope';
    const error = await connected.core.services.publish.publish(connected.connectionId, STREAM, JSON.stringify(event)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EVENT_INVALID', details: { issues: [expect.objectContaining({ path: '/payload/email' })] } });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
  });

  it('refuses an event whose event_type is not the type it is written as', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const deleted = connected.core.services.schemas.template(STREAM, 'user.deleted');
    const error = await connected.core.services.publish.publish(connected.connectionId, STREAM, deleted, undefined, 'user.created').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EVENT_INVALID', details: { issues: [expect.objectContaining({ path: '/event_type' })] } });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
    await connected.core.services.publish.publish(connected.connectionId, STREAM, deleted, undefined, 'user.deleted');
    expect(await fixture.redis.xlen(STREAM)).toBe(before + 1);
  });

  it('refuses text that is not JSON, with where it breaks', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const error = await connected.core.services.publish.publish(connected.connectionId, STREAM, '{\n "a": }').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'NOT_JSON', details: { line: 2 } });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
  });

  it('never writes through a read-only connection', async () => {
    const readOnly = await connected.core.connections.connect({ url: fixture.url, readOnly: true });
    const before = await fixture.redis.xlen(STREAM);
    await expect(connected.core.services.publish.publish(readOnly.id, STREAM, template())).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
  });
});
