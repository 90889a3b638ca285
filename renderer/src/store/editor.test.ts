import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import type { SchemaCatalog } from '../../../shared/contract/models';
import { eventTypesFor, withFreshEventId } from './editor';
import { DRAFTS_STORAGE_KEY } from './persist';
import { connectionInfo, entry, makeStore, memoryStorage, settle } from './test-support';

const catalog: SchemaCatalog = {
  dir: '/schemas',
  eventField: 'event',
  envelopeId: 'envelope',
  streams: [
    {
      stream: 'identity.user.v1',
      eventTypes: [{ eventType: 'user.created', schemaId: 'u-created', title: null, file: 'user.created.json' }],
    },
  ],
  documents: [],
  problems: [],
};

describe('editor slice', () => {
  it('lists a stream’s event types, and a dead-letter stream shares its base stream’s', () => {
    expect(eventTypesFor(catalog, 'identity.user.v1').map((type) => type.eventType)).toEqual(['user.created']);
    expect(eventTypesFor(catalog, 'identity.user.v1.dlq').map((type) => type.eventType)).toEqual(['user.created']);
    expect(eventTypesFor(catalog, 'other')).toEqual([]);
    expect(eventTypesFor(null, 'identity.user.v1')).toEqual([]);
  });

  it('persists drafts per stream so a reload finds them', () => {
    const storage = memoryStorage();
    const first = makeStore({}, { storage }).store;
    first.getState().setDraftText('a', '{"x":1}');
    first.getState().setDraftText('b', '{"y":2}');
    expect(storage.data.get(DRAFTS_STORAGE_KEY)).toContain('{\\"x\\":1}');

    const second = makeStore({}, { storage }).store;
    expect(second.getState().drafts.get('a')?.text).toBe('{"x":1}');
    expect(second.getState().drafts.get('b')?.text).toBe('{"y":2}');
  });

  it('ignores saved data it cannot read', () => {
    const storage = memoryStorage({ [DRAFTS_STORAGE_KEY]: '{not json' });
    expect(makeStore({}, { storage }).store.getState().drafts.size).toBe(0);
  });

  it('gives each event type its own text: the template first, what was written when coming back', async () => {
    const template = vi.fn(async ({ eventType }: { eventType: string }) => `{"event_type":"${eventType}"}`);
    const { store } = makeStore({ schemas: { template } });
    const key = 'identity.user.v1';
    await store.getState().chooseEventType(key, 'user.created');
    expect(template).toHaveBeenCalledWith({ stream: key, eventType: 'user.created' });
    expect(store.getState().drafts.get(key)?.text).toBe('{"event_type":"user.created"}');

    store.getState().setDraftText(key, '{"mine":true}');
    await store.getState().chooseEventType(key, 'user.deleted');
    expect(store.getState().drafts.get(key)).toMatchObject({ eventType: 'user.deleted', text: '{"event_type":"user.deleted"}' });

    await store.getState().chooseEventType(key, 'user.created');
    expect(store.getState().drafts.get(key)).toMatchObject({ eventType: 'user.created', text: '{"mine":true}' });
    expect(template).toHaveBeenCalledTimes(2);
  });

  it('keeps text written before any type was chosen', async () => {
    const template = vi.fn(async () => '{}');
    const { store } = makeStore({ schemas: { template } });
    store.getState().setDraftText('k', '{"typed":1}');
    await store.getState().chooseEventType('k', 'user.created');
    expect(store.getState().drafts.get('k')).toMatchObject({ eventType: 'user.created', text: '{"typed":1}' });
    expect(template).not.toHaveBeenCalled();
  });

  it('renews only a top-level UUID event_id', () => {
    const nested = '{"payload":{"event_id":"3d6b82cb-5590-4fca-977c-4af05f5b68fe"},"event_id":"0e3f4a3c-9b7a-4a53-8c2e-2f1c1c9e4b10"}';
    expect(withFreshEventId(nested, () => 'NEW')).toBe('{"payload":{"event_id":"3d6b82cb-5590-4fca-977c-4af05f5b68fe"},"event_id":"NEW"}');
    expect(withFreshEventId('{"event_id":"order-7"}', () => 'NEW')).toBe('{"event_id":"order-7"}');
    expect(withFreshEventId('not json', () => 'NEW')).toBe('not json');
  });

  it('gives the draft a fresh event_id after a publish, so the next one is not a duplicate', async () => {
    const publish = vi.fn().mockResolvedValue({ id: '99-0', entry: entry('99-0') });
    const { store } = makeStore({ publish: { publish } });
    store.setState({ connection: connectionInfo() });
    const text = '{"event_id":"3d6b82cb-5590-4fca-977c-4af05f5b68fe","payload":{"event_id":"keep"}}';
    store.getState().setDraftText('s', text);
    await store.getState().publish('s');
    const next = store.getState().drafts.get('s')!.text;
    expect(next).not.toBe(text);
    expect(next).toMatch(/^\{"event_id":"[0-9a-f-]{36}","payload":\{"event_id":"keep"\}\}$/);
    expect(store.getState().publishOutcome).toMatchObject({ renewedEventId: true });
  });

  it('on success records the published event, puts the entry on top and selects it', async () => {
    const published = entry('99-0');
    const publish = vi.fn().mockResolvedValue({ id: '99-0', entry: published });
    const { store, storage } = makeStore({ publish: { publish } });
    store.setState({
      connection: connectionInfo(),
      selectedKey: 's',
      entriesByKey: new Map([
        ['s', { entries: [entry('5-0')], nextBefore: null, length: 1, status: 'ready', loadingOlder: false, loadingNewer: false, headId: '5-0' }],
      ]),
    });
    store.getState().setDraftText('s', '{"ok":true}');
    await store.getState().publish('s');

    expect(publish).toHaveBeenCalledWith({ connectionId: 'c1', key: 's', event: '{"ok":true}' });
    const state = store.getState();
    expect(state.publishOutcome).toEqual({ key: 's', kind: 'published', id: '99-0', renewedEventId: false });
    expect(state.entriesByKey.get('s')?.entries.map((item) => item.id)).toEqual(['99-0', '5-0']);
    expect(state.selectedEntryId).toBe('99-0');
    expect(state.lastPublished.get('s')).toMatchObject({ id: '99-0', text: '{"ok":true}' });
    expect(storage.getItem(DRAFTS_STORAGE_KEY)).toContain('99-0');
  });

  it('on a refused event lists the issues and leaves the draft untouched', async () => {
    const issues = [{ path: '/payload/email', message: 'must match format "email"', keyword: 'format' }];
    const publish = vi.fn().mockRejectedValue(new AppError('EVENT_INVALID', 'The event does not match its schema; nothing was written.', { issues }));
    const { store } = makeStore({ publish: { publish } });
    store.setState({ connection: connectionInfo() });
    store.getState().setDraftText('s', '{"bad":1}');
    await store.getState().publish('s');
    expect(store.getState().publishOutcome).toEqual({
      key: 's',
      kind: 'refused',
      code: 'EVENT_INVALID',
      message: 'The event does not match its schema; nothing was written.',
      issues,
    });
    expect(store.getState().drafts.get('s')?.text).toBe('{"bad":1}');
    expect(store.getState().publishing).toBe(false);
  });

  it('shows a read-only refusal as it is', async () => {
    const publish = vi.fn().mockRejectedValue(new AppError('READ_ONLY', 'This connection is read-only.'));
    const { store } = makeStore({ publish: { publish } });
    store.setState({ connection: connectionInfo() });
    store.getState().setDraftText('s', '{}');
    await store.getState().publish('s');
    await settle();
    expect(store.getState().publishOutcome).toMatchObject({ kind: 'refused', code: 'READ_ONLY', message: 'This connection is read-only.', issues: [] });
  });

  it('loads the schema catalog once at a time and reports a failure', async () => {
    const catalogCall = vi.fn().mockRejectedValue(new AppError('INTERNAL', 'Schemas folder missing.'));
    const { store } = makeStore({ schemas: { catalog: catalogCall } });
    await store.getState().loadCatalog();
    expect(store.getState().catalogStatus).toBe('error');
    expect(store.getState().toasts[0]?.message).toBe('Schemas folder missing.');
  });
});
