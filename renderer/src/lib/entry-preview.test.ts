import { describe, expect, it } from 'vitest';
import type { StreamEntry } from '../../../shared/contract/models';
import { entryPreview } from './entry-preview';

const make = (fields: StreamEntry['fields'], validation: StreamEntry['validation'] = { status: 'no-schema' }): StreamEntry => ({
  id: '1-0',
  timeMs: 1,
  fields,
  validation,
});
const text = (value: string) => ({ kind: 'text' as const, text: value });

describe('entryPreview', () => {
  it('shows the event type and the payload of an envelope', () => {
    const preview = entryPreview(
      make([{ name: text('event'), value: text('{"eventType":"user.created","payload":{"email":"a@b.c"}}') }]),
    );
    expect(preview).toEqual({ eventType: 'user.created', text: 'email=a@b.c' });
  });

  it('puts plain fields before the event summary and abbreviates nested values', () => {
    const preview = entryPreview(
      make([
        { name: text('event'), value: text('{"type":"x","payload":{"n":1,"tags":["a","b"],"meta":{"k":1}}}') },
        { name: text('error'), value: text('boom') },
      ]),
    );
    expect(preview).toEqual({ eventType: 'x', text: 'error=boom  n=1  tags=[2]  meta={…}' });
  });

  it('prefers the type the host validated against', () => {
    const preview = entryPreview(make([{ name: text('event'), value: text('{"type":"x"}') }], { status: 'valid', eventType: 'y' }));
    expect(preview.eventType).toBe('y');
  });

  it('lists plain fields as name=value and names binary values by size', () => {
    const preview = entryPreview(
      make([
        { name: text('a'), value: text('1') },
        { name: text('blob'), value: { kind: 'binary', hex: 'ff00', byteLength: 2 } },
      ]),
    );
    expect(preview).toEqual({ eventType: null, text: 'a=1  blob=<2 bytes>' });
  });
});
