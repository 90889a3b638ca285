import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_SCHEMAS_DIR } from '../../../tests/support/core';
import { SchemaService } from './service';

describe('the project schemas (the seed bus)', () => {
  const schemas = new SchemaService(PROJECT_SCHEMAS_DIR);
  const catalog = schemas.catalog();

  it('load without problems, in both drafts, with the envelope', () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.envelopeId).toMatch(/envelope\.v1\.json$/);
    const drafts = new Set(catalog.documents.map((doc) => (doc.schema as { $schema: string }).$schema));
    expect(drafts).toEqual(new Set(['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#']));
    const types = Object.fromEntries(catalog.streams.map((stream) => [stream.stream, stream.eventTypes.map((type) => type.eventType).sort()]));
    expect(types['identity.user.v1']).toEqual(['user.created', 'user.deleted', 'user.updated']);
    expect(types['spell.user-dict.v1']).toHaveLength(2);
  });

  it.each(catalog.streams.flatMap((stream) => stream.eventTypes.map((type) => [stream.stream, type.eventType] as const)))(
    'the %s / %s template is a valid event',
    (stream, eventType) => {
      const template = schemas.template(stream, eventType);
      expect(schemas.validateText(stream, template)).toMatchObject({ status: 'valid', eventType });
    },
  );

  it('makes templates with fresh IDs and times, and the schema examples elsewhere', () => {
    const first = JSON.parse(schemas.template('identity.user.v1', 'user.created')) as Record<string, string>;
    const second = JSON.parse(schemas.template('identity.user.v1', 'user.created')) as Record<string, string>;
    expect(first.event_id).not.toBe(second.event_id);
    expect(first.correlation_id).not.toBe(second.correlation_id);
    expect(Date.now() - Date.parse(first.occurred_at!)).toBeLessThan(60_000);
    expect(first.producer).toBe('identity-service');
  });

  it('reports formats, enums and unknown properties as issues with JSON pointers', () => {
    const event = JSON.parse(schemas.template('identity.user.v1', 'user.created')) as Record<string, any>;
    event.payload.email = 'not-an-email';
    event.payload.plan = 'platinum';
    event.payload.shoe_size = 44;
    event.event_id = 'nope';
    const result = schemas.validateText('identity.user.v1', JSON.stringify(event));
    expect(result.status).toBe('invalid');
    const byPath = Object.fromEntries(result.issues!.map((issue) => [issue.path, issue.message]));
    expect(byPath['/payload/email']).toMatch(/email/);
    expect(byPath['/payload/plan']).toMatch(/"free"/);
    expect(byPath['/event_id']).toMatch(/uuid/);
    expect(Object.values(byPath).join(' ')).toContain('shoe_size');
  });

  it('names an unknown event type and lists the known ones', () => {
    const result = schemas.validateText('identity.user.v1', JSON.stringify({ event_type: 'user.exploded' }));
    expect(result.status).toBe('invalid');
    expect(result.message).toContain('user.created');
  });

  it('uses the base stream schemas for a dead-letter stream', () => {
    const template = schemas.template('identity.user.v1.dlq', 'user.deleted');
    expect(schemas.validateText('identity.user.v1.dlq', template).status).toBe('valid');
  });

  it('locates a JSON syntax error', () => {
    const result = schemas.validateText('identity.user.v1', '{\n  "a": 1,\n  }');
    expect(result.status).toBe('not-json');
    expect(result.message).toMatch(/line 3/);
  });
});

describe('a schema folder with problems', () => {
  it('loads what it can and lists each broken file with why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    mkdirSync(join(dir, 'orders'));
    writeFileSync(join(dir, 'orders', 'broken.json'), '{ nope');
    writeFileSync(join(dir, 'orders', 'dangling.json'), JSON.stringify({ $id: 'https://x.test/orders/dangling.json', allOf: [{ $ref: '../missing.json' }], properties: { event_type: { const: 'order.placed' } } }));
    writeFileSync(join(dir, 'orders', 'ok.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', properties: { event_type: { const: 'order.paid' }, amount: { type: 'number' } }, required: ['amount'] }));
    const schemas = new SchemaService(dir);
    const { problems, streams } = schemas.catalog();
    expect(problems.join('\n')).toMatch(/broken\.json/);
    expect(problems.join('\n')).toMatch(/dangling\.json/);
    expect(streams[0]!.eventTypes.map((type) => type.eventType)).toEqual(['order.paid']);
    expect(schemas.validateText('orders', '{"event_type":"order.paid"}').status).toBe('invalid');
    // An event of a type whose schema failed to load says the schema may be the broken part.
    expect(schemas.validateText('orders', '{"event_type":"order.placed"}').message).toMatch(/could not be loaded.*dangling\.json/);
  });

  it('says so when the folder does not exist', () => {
    expect(new SchemaService('/nonexistent/schemas').catalog().problems[0]).toMatch(/cannot be read/);
  });
});
