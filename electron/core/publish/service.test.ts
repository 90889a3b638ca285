import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '..';
import { coreWithConnection } from '../../../tests/support/core';
import { useRedisServer } from '../../../tests/support/redis';

const fixture = useRedisServer();
const STREAM = 'identity.user.v1';
let core: Core;
let connectionId: string;

beforeAll(async () => {
  ({ core, connectionId } = await coreWithConnection(fixture.url));
});
afterAll(() => core.dispose());

const template = () => core.services.schemas.template(STREAM, 'user.created');

describe('publish', () => {
  it('adds a valid event with XADD and returns the entry as stored', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const event = template();
    const result = await core.services.publish.publish(connectionId, STREAM, event);
    expect(await fixture.redis.xlen(STREAM)).toBe(before + 1);
    const [[id, fields]] = (await fixture.redis.xrevrange(STREAM, '+', '-', 'COUNT', 1)) as [[string, string[]]];
    expect(result.id).toBe(id);
    expect(fields).toEqual(['event', event]);
    expect(result.entry.validation.status).toBe('valid');
    const [newest] = (await core.services.streams.entries(connectionId, STREAM, null, 1)).entries;
    expect(newest).toEqual(result.entry);
  });

  it('refuses an invalid event with the error list and writes nothing', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const event = JSON.parse(template()) as { payload: Record<string, unknown> };
    event.payload.email = 'nope';
    const error = await core.services.publish.publish(connectionId, STREAM, JSON.stringify(event)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'EVENT_INVALID', details: { issues: [expect.objectContaining({ path: '/payload/email' })] } });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
  });

  it('refuses text that is not JSON, with where it breaks', async () => {
    const before = await fixture.redis.xlen(STREAM);
    const error = await core.services.publish.publish(connectionId, STREAM, '{\n "a": }').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'NOT_JSON', details: { line: 2 } });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
  });

  it('never writes through a read-only connection', async () => {
    const readOnly = await core.connections.connect({ url: fixture.url, readOnly: true });
    const before = await fixture.redis.xlen(STREAM);
    await expect(core.services.publish.publish(readOnly.id, STREAM, template())).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await fixture.redis.xlen(STREAM)).toBe(before);
  });
});
