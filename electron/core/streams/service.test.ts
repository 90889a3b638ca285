import { describe, expect, it } from 'vitest';
import { useConnectedCore } from '../../../tests/support/core';
import { testContext, useRedisServer } from '../../../tests/support/redis';

const fixture = useRedisServer();
const connected = useConnectedCore(fixture);

const validEvent = (type = 'user.deleted') =>
  JSON.stringify({
    event_id: '7d1f6a52-4a8e-4f0e-9d7a-0c6f1f0f8e11',
    event_type: type,
    schema_version: 1,
    occurred_at: '2026-12-03T10:00:00Z',
    producer: 'identity-service',
    correlation_id: '0e3f4a3c-9b7a-4a53-8c2e-2f1c1c9e4b10',
    payload: { user_id: '5b0c1d2e-3f40-4152-8637-48596a7b8c9d', reason: 'user_request', deleted_at: '2026-12-03T10:00:00Z' },
  });

describe('streams.list', () => {
  it('finds every stream key across many SCAN batches, skips other types, and reports progress', async () => {
    const prefix = fixture.prefix();
    const pipeline = fixture.redis.pipeline();
    for (let index = 0; index < 2500; index++) pipeline.set(`${prefix}string:${index}`, 'x');
    for (let index = 0; index < 1205; index++) pipeline.xadd(`${prefix}stream:${index}`, '*', 'n', String(index));
    pipeline.xgroup('CREATE', `${prefix}stream:7`, 'g1', '$');
    pipeline.xgroup('CREATE', `${prefix}stream:7`, 'g2', '0');
    await pipeline.exec();

    const context = testContext();
    const summaries = (await connected.core.services.streams.list(connected.connectionId, context)).filter((each) => each.key.startsWith(prefix));
    expect(summaries).toHaveLength(1205);
    const seven = summaries.find((each) => each.key === `${prefix}stream:7`)!;
    const lastId = (await fixture.redis.xrevrange(`${prefix}stream:7`, "+", "-", "COUNT", 1))[0]![0];
    expect(seven).toEqual({ key: `${prefix}stream:7`, length: 1, lastEntryId: lastId, lastEntryTimeMs: Number(lastId.split('-')[0]), groups: 2 });
    expect(context.reports.length).toBeGreaterThan(2);
    expect(context.reports.at(-1)).toMatchObject({ done: context.reports.at(-1)!.total });
  });

  it('says so when the user may scan but not read stream details', async () => {
    await fixture.redis.xadd(`${fixture.prefix()}visible`, '*', 'n', '1');
    await fixture.redis.call('ACL', 'SETUSER', 'scanner', 'on', '>scan-pass', '~*', '+@connection', '+info', '+scan', '+type');
    const info = await connected.core.connections.connect({ url: `redis://scanner:scan-pass@127.0.0.1:${fixture.server.port}` });
    await expect(connected.core.services.streams.list(info.id, testContext())).rejects.toMatchObject({ code: 'NO_PERMISSION', message: expect.stringMatching(/xinfo/i) });
  });

  it('stops when cancelled', async () => {
    const context = testContext();
    context.cancel();
    await expect(connected.core.services.streams.list(connected.connectionId, context)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('streams.entries', () => {
  it('pages newest first with no gaps or repeats, down to the oldest entry', async () => {
    const key = `${fixture.prefix()}paged`;
    const pipeline = fixture.redis.pipeline();
    // Same millisecond, different sequence numbers, and a ms boundary: the exclusive bound must handle both.
    for (let index = 0; index < 250; index++) pipeline.xadd(key, `1700000000${String(Math.floor(index / 3)).padStart(3, '0')}-${index % 3}`, 'n', String(index));
    await pipeline.exec();

    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = await connected.core.services.streams.entries(connected.connectionId, key, before, 100);
      expect(page.length).toBe(250);
      seen.push(...page.entries.map((entry) => entry.id));
      before = page.nextBefore;
      pages++;
    } while (before);
    const all = (await fixture.redis.xrevrange(key, '+', '-')).map(([id]) => id);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
  });

  it('says there is nothing older when a page ends exactly at the oldest entry', async () => {
    const key = `${fixture.prefix()}exact`;
    const pipeline = fixture.redis.pipeline();
    for (let index = 0; index < 200; index++) pipeline.xadd(key, '*', 'n', String(index));
    await pipeline.exec();
    const first = await connected.core.services.streams.entries(connected.connectionId, key, null, 100);
    expect(first.nextBefore).not.toBeNull();
    const second = await connected.core.services.streams.entries(connected.connectionId, key, first.nextBefore, 100);
    expect(second.entries).toHaveLength(100);
    expect(second.nextBefore).toBeNull();
  });

  it('cuts long values in a page, keeps their verdict, and returns them whole on request', async () => {
    const key = 'identity.user.v1.dlq';
    const big = JSON.parse(connected.core.services.schemas.template('identity.user.v1', 'user.created')) as { payload: { display_name: string } };
    const event = JSON.stringify(big);
    const blob = Buffer.alloc(300 * 1024, 0xff);
    const note = 'é'.repeat(200_000); // 400,000 bytes, cut on a character boundary
    const ids: string[] = [];
    for (let index = 0; index < 30; index++) ids.push((await fixture.redis.xadd(key, '*', 'event', event, 'blob', blob, 'note', note))!);

    const page = await connected.core.services.streams.entries(connected.connectionId, key, null, 100);
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.length).toBeLessThan(30); // the page budget (4 Mi characters) stopped it early
    expect(page.nextBefore).toBe(page.entries.at(-1)!.id);
    const [first] = page.entries;
    expect(first!.validation.status).toBe('valid');
    expect(first!.fields[1]!.value).toMatchObject({ kind: 'binary', byteLength: blob.length, truncatedFrom: blob.length });
    expect((first!.fields[1]!.value as { hex: string }).hex).toHaveLength(64 * 1024 * 2);
    const cutNote = first!.fields[2]!.value as { kind: 'text'; text: string; truncatedFrom: number };
    expect(cutNote.truncatedFrom).toBe(400_000);
    expect(cutNote.text).toBe('é'.repeat(32 * 1024));

    const whole = await connected.core.services.streams.entry(connected.connectionId, key, ids.at(-1)!);
    expect(whole.fields[2]!.value).toEqual({ kind: 'text', text: note });
    expect((whole.fields[1]!.value as { hex: string }).hex).toHaveLength(blob.length * 2);
    await fixture.redis.del(key);
    await expect(connected.core.services.streams.entry(connected.connectionId, key, ids[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('bounds a page however an entry is shaped: many big fields, a huge field name, a cut mid-character', async () => {
    const key = `${fixture.prefix()}shapes`;
    const manyFields: string[] = [];
    for (let index = 0; index < 400; index++) manyFields.push(`f${index}`, 'v'.repeat(70_000));
    await fixture.redis.xadd(key, '*', ...manyFields);
    await fixture.redis.xadd(key, '*', 'n'.repeat(3_000_000), 'x');
    // 'a' then 2-byte characters: 64 KiB falls in the middle of one.
    const odd = `a${'é'.repeat(40_000)}`;
    const bomJson = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]);
    await fixture.redis.xadd(key, '*', 'odd', odd, 'bom', bomJson);

    const page = await connected.core.services.streams.entries(connected.connectionId, key, null, 100);
    const size = JSON.stringify(page).length;
    expect(size).toBeLessThan(6 * 1024 * 1024);
    const [cut, hugeName, wide] = page.entries;
    expect(cut!.fields[0]!.value).toMatchObject({ kind: 'text', truncatedFrom: odd.length * 2 - 1 });
    const cutText = (cut!.fields[0]!.value as { text: string }).text;
    expect(cutText).toBe(odd.slice(0, cutText.length));
    expect(Buffer.byteLength(cutText)).toBeLessThanOrEqual(64 * 1024);
    expect(cut!.fields[1]!.value).toEqual({ kind: 'text', text: '\uFEFF{}' });
    expect(hugeName!.fields[0]!.name).toMatchObject({ kind: 'text', truncatedFrom: 3_000_000 });
    expect(wide!.fields).toHaveLength(400);
    expect(wide!.fields.at(-1)!.value).toEqual({ kind: 'text', text: '', truncatedFrom: 70_000 });
  });

  it('says a missing stream is missing rather than empty', async () => {
    await expect(connected.core.services.streams.entries(connected.connectionId, `${fixture.prefix()}gone`, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('survives pathological JSON in an entry (deep nesting)', async () => {
    const key = `${fixture.prefix()}deep`;
    await fixture.redis.xadd(key, '*', 'event', '['.repeat(20000));
    const [entry] = (await connected.core.services.streams.entries(connected.connectionId, key, null)).entries;
    expect(entry!.validation.status).toBe('not-json');
  });

  it('keeps field order, decodes text, shows binary as hex, and validates the event field', async () => {
    const key = `${fixture.prefix()}identity.user.v1`;
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x41]);
    await fixture.redis.xadd(key, '*', 'event', validEvent(), 'z-last', 'é ok', 'blob', binary);
    await fixture.redis.xadd(key, '*', 'event', '{"event_type":"user.deleted"}');
    await fixture.redis.xadd(key, '*', 'event', 'not json {');

    const [notJson, invalid, valid] = (await connected.core.services.streams.entries(connected.connectionId, key, null)).entries;
    expect(valid!.fields.map((field) => field.name)).toEqual([
      { kind: 'text', text: 'event' },
      { kind: 'text', text: 'z-last' },
      { kind: 'text', text: 'blob' },
    ]);
    expect(valid!.fields[1]!.value).toEqual({ kind: 'text', text: 'é ok' });
    expect(valid!.fields[2]!.value).toEqual({ kind: 'binary', hex: 'ff00fe41', byteLength: 4 });
    // The key has a test prefix, so no schema folder matches: no-schema, not a false "valid".
    expect(valid!.validation.status).toBe('no-schema');
    expect(invalid!.validation.status).toBe('no-schema');
    expect(notJson!.validation.status).toBe('not-json');
  });

  it('validates against the stream schemas and returns ajv issues for an invalid entry', async () => {
    const key = 'identity.user.v1';
    await fixture.redis.del(key);
    await fixture.redis.xadd(key, '*', 'event', validEvent());
    const broken = JSON.parse(validEvent()) as { payload: Record<string, unknown> };
    broken.payload.reason = 'bored';
    delete broken.payload.user_id;
    await fixture.redis.xadd(key, '*', 'event', JSON.stringify(broken));
    const [invalid, valid] = (await connected.core.services.streams.entries(connected.connectionId, key, null)).entries;
    expect(valid!.validation).toMatchObject({ status: 'valid', eventType: 'user.deleted' });
    expect(invalid!.validation.status).toBe('invalid');
    const paths = invalid!.validation.issues!.map((issue) => issue.path);
    expect(paths).toContain('/payload');
    expect(paths).toContain('/payload/reason');
  });

  it('opens the newest page of a very long stream without reading the rest', async () => {
    const key = `${fixture.prefix()}long`;
    for (let batch = 0; batch < 20; batch++) {
      const pipeline = fixture.redis.pipeline();
      for (let index = 0; index < 5000; index++) pipeline.xadd(key, '*', 'n', String(batch * 5000 + index));
      await pipeline.exec();
    }
    const page = await connected.core.services.streams.entries(connected.connectionId, key, null, 50);
    expect(page.length).toBe(100000);
    expect(page.entries).toHaveLength(50);
    expect(page.entries[0]!.fields[0]!.value).toEqual({ kind: 'text', text: '99999' });
  });

  it('says a key that is not a stream is not a stream', async () => {
    const key = `${fixture.prefix()}plain`;
    await fixture.redis.set(key, 'x');
    await expect(connected.core.services.streams.entries(connected.connectionId, key, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
