import { describe, expect, it, vi } from 'vitest';
import type { EntriesPage } from '../../../shared/contract/models';
import { joinFirstPage, mergeEntries, selectCurrentEntries, selectSelectedEntry, type StreamEntriesState } from './entries';
import { connectionInfo, entry, makeStore, settle } from './test-support';

const page = (ids: string[], nextBefore: string | null, length = 1000): EntriesPage => ({
  key: 's',
  entries: ids.map((id) => entry(id)),
  nextBefore,
  length,
});

const ids = (state: StreamEntriesState | undefined) => state?.entries.map((item) => item.id);

function setup(pages: EntriesPage[]) {
  const entries = vi.fn();
  for (const next of pages) entries.mockResolvedValueOnce(next);
  const { store } = makeStore({ streams: { entries } });
  store.setState({ connection: connectionInfo() });
  return { store, entries };
}

describe('entries slice', () => {
  it('opens a stream newest first and loads older pages on demand', async () => {
    const { store, entries } = setup([page(['30-0', '20-0'], '20-0'), page(['10-0'], null)]);
    store.getState().selectStream('s');
    await settle();
    expect(ids(selectCurrentEntries(store.getState()))).toEqual(['30-0', '20-0']);

    await store.getState().loadOlder('s');
    expect(entries).toHaveBeenLastCalledWith({ connectionId: 'c1', key: 's', before: '20-0', count: 100 });
    const state = selectCurrentEntries(store.getState());
    expect(ids(state)).toEqual(['30-0', '20-0', '10-0']);
    expect(state?.nextBefore).toBeNull();

    await store.getState().loadOlder('s'); // nothing older: no call
    expect(entries).toHaveBeenCalledTimes(2);
  });

  it('joins newer entries on top when the fresh page meets the list', async () => {
    const { store } = setup([page(['30-0', '20-0'], '20-0'), page(['50-0', '40-0', '30-0'], '30-0')]);
    store.getState().selectStream('s');
    await settle();
    await store.getState().loadNewer('s');
    const state = selectCurrentEntries(store.getState());
    expect(ids(state)).toEqual(['50-0', '40-0', '30-0', '20-0']);
    expect(state?.nextBefore).toBe('20-0');
    expect(state?.headId).toBe('50-0');
  });

  it('replaces the list when so many entries arrived that the fresh page leaves a gap', () => {
    const current: StreamEntriesState = {
      entries: [entry('30-0'), entry('20-0')],
      nextBefore: '20-0',
      length: 2,
      status: 'ready',
      loadingOlder: false,
      loadingNewer: true,
      headId: '30-0',
    };
    const joined = joinFirstPage(current, page(['90-0', '80-0'], '80-0'));
    expect(ids(joined)).toEqual(['90-0', '80-0']);
    expect(joined.nextBefore).toBe('80-0');
    expect(joined.loadingNewer).toBe(false);
  });

  it('moves the selection with the keyboard and stays within the list', async () => {
    const { store } = setup([page(['3-0', '2-0', '1-0'], null)]);
    store.getState().selectStream('s');
    await settle();
    store.getState().moveSelection(1);
    expect(store.getState().selectedEntryId).toBe('3-0');
    store.getState().moveSelection(1);
    store.getState().moveSelection(1);
    store.getState().moveSelection(1);
    expect(store.getState().selectedEntryId).toBe('1-0');
    store.getState().moveSelection(-1);
    expect(selectSelectedEntry(store.getState())?.id).toBe('2-0');
  });

  it('puts a published entry on top, selects it, then fetches what others wrote in between', async () => {
    // 35-0 was written by someone else after the list was read and before the publish.
    const { store } = setup([page(['30-0', '20-0'], '20-0'), page(['40-0', '35-0', '30-0'], '30-0')]);
    store.getState().selectStream('s');
    await settle();
    store.getState().insertPublishedEntry('s', entry('40-0'));
    expect(ids(selectCurrentEntries(store.getState()))).toEqual(['40-0', '30-0', '20-0']);
    expect(store.getState().selectedEntryId).toBe('40-0');

    await settle();
    expect(ids(selectCurrentEntries(store.getState()))).toEqual(['40-0', '35-0', '30-0', '20-0']);
    expect(store.getState().selectedEntryId).toBe('40-0');
  });

  it('drops entries deleted since, within the range a fresh first page covers', () => {
    const current: StreamEntriesState = {
      entries: ['50-0', '40-0', '30-0', '20-0', '10-0'].map((id) => entry(id)),
      nextBefore: '10-0',
      length: 5,
      status: 'ready',
      loadingOlder: false,
      loadingNewer: false,
      headId: '50-0',
    };
    // 40-0 was XDELed; 60-0 is new; the fresh page reaches down to 30-0.
    const joined = joinFirstPage(current, page(['60-0', '50-0', '30-0'], '30-0'));
    expect(ids(joined)).toEqual(['60-0', '50-0', '30-0', '20-0', '10-0']);
    // A fresh page that covers the whole stream replaces everything (the stream was emptied).
    expect(ids(joinFirstPage(current, page([], null)))).toEqual([]);
  });

  it('keeps what is newer than a late page, and entries already loaded whole', () => {
    const cut = { ...entry('30-0'), fields: [{ name: { kind: 'text' as const, text: 'event' }, value: { kind: 'text' as const, text: 'x', truncatedFrom: 100_000 } }] };
    const whole = entry('30-0', 'x'.repeat(100_000));
    const current: StreamEntriesState = {
      entries: [entry('60-0'), entry('50-0'), whole],
      nextBefore: null,
      length: 3,
      status: 'ready',
      loadingOlder: false,
      loadingNewer: false,
      headId: '60-0',
    };
    // A read taken before 60-0 was published, answered after it.
    const joined = joinFirstPage(current, { ...page([], null), entries: [entry('50-0'), cut] });
    expect(ids(joined)).toEqual(['60-0', '50-0', '30-0']);
    expect(joined.entries[2]).toBe(whole);
    expect(joined.headId).toBe('60-0');
  });

  it('keeps pages of other streams when switching back and forth (a new Map each time)', async () => {
    const { store } = setup([page(['2-0'], null), page(['7-0'], null), page(['2-0'], null)]);
    store.getState().selectStream('s');
    await settle();
    const before = store.getState().entriesByKey;
    store.getState().selectStream('t');
    await settle();
    expect(store.getState().entriesByKey).not.toBe(before);
    expect(before.has('t')).toBe(false);
    store.getState().selectStream('s');
    expect(ids(selectCurrentEntries(store.getState()))).toEqual(['2-0']);
  });

  it('merges without duplicates, newest first, comparing IDs beyond Number precision', () => {
    const merged = mergeEntries([entry('18446744073709551615-1'), entry('9-0')], [entry('9-0'), entry('10-0')]);
    expect(merged.map((item) => item.id)).toEqual(['18446744073709551615-1', '10-0', '9-0']);
  });
});
