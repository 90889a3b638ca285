/**
 * Stream keys and their entries. Listing walks SCAN to the end (not a first batch) and reads the
 * details of each stream in pipelined batches; entries are read a page at a time, newest first,
 * so a stream of a million entries opens as fast as a small one.
 */
import type { Redis } from 'ioredis';
import { AppError } from '../../../shared/contract/errors';
import type { EntriesPage, StreamEntry, StreamSummary, Validation } from '../../../shared/contract/models';
import type { CallContext, Sink } from '../../../shared/rpc/server';
import type { ConnectionService } from '../connections/service';
import { toAppError } from '../errors';
import { idTime, pairsToRecord, previousId, requiredNumber } from '../redis/replies';
import type { SchemaService } from '../schemas/service';
import { decodeEntry, truncateValue, VALUE_PREVIEW_BYTES, valueSize, type RawEntry } from './decode';

const SCAN_COUNT = 1000;
/** Natural order (s:2 before s:10); one collator, since localeCompare with options builds one per call. */
const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;
const DETAIL_BATCH = 500;
export const DEFAULT_PAGE_SIZE = 100;
/** Characters of values a page may carry before it stops early (long values are cut to 64 KiB). */
const PAGE_BUDGET = 4 * 1024 * 1024;
/** Entries read first, to learn their size before reading the rest of a page. */
const PROBE_SIZE = 10;

const entrySize = (entry: StreamEntry): number => entry.fields.reduce((total, field) => total + valueSize(field.name) + valueSize(field.value), 0);

export class StreamService {
  constructor(
    private readonly connections: ConnectionService,
    private readonly schemas: SchemaService,
  ) {}

  async list(connectionId: string, context: CallContext): Promise<StreamSummary[]> {
    const redis = this.connections.reader(connectionId);
    try {
      const keys = await scanStreamKeys(redis, context);
      const summaries: StreamSummary[] = [];
      for (let start = 0; start < keys.length; start += DETAIL_BATCH) {
        context.cancellation.throwIfCancelled();
        const batch = keys.slice(start, start + DETAIL_BATCH);
        summaries.push(...(await readSummaries(redis, batch)));
        context.progress({ done: start + batch.length, total: keys.length, message: `Read ${start + batch.length} of ${keys.length} streams` });
      }
      return summaries.sort((a, b) => naturalOrder(a.key, b.key));
    } catch (error) {
      throw toAppError(error, this.connections.target(connectionId));
    }
  }

  async entries(connectionId: string, key: string, before: string | null | undefined, count = DEFAULT_PAGE_SIZE): Promise<EntriesPage> {
    const redis = this.connections.reader(connectionId);
    const end = before ? previousId(before) : '+';
    if (end === null) return { key, entries: [], nextBefore: null, length: await redis.xlen(key) };
    try {
      // A small first read tells how big entries are; the rest of the page is read in one more
      // round trip sized to the budget, so huge entries are never pulled into memory by the hundred.
      // Each read asks for one more than it needs, to know whether anything older exists.
      const first = Math.min(count, PROBE_SIZE);
      const [[typeError, type], [rangeError, raw], [lengthError, length]] = (await redis
        .pipeline()
        .type(key)
        .xrevrangeBuffer(key, end, '-', 'COUNT', first + 1)
        .xlen(key)
        .exec()) as [[Error | null, string], [Error | null, RawEntry[]], [Error | null, number]];
      if (typeError) throw typeError;
      if (type === 'none') throw new AppError('NOT_FOUND', `The stream "${key}" does not exist (any more). Refresh the stream list.`);
      if (rangeError) throw rangeError;
      if (lengthError) throw lengthError;

      const entries: StreamEntry[] = [];
      let size = 0;
      /** Adds up to `limit` entries of a read; true when the read held more than was taken. */
      const take = (batch: RawEntry[], limit: number): boolean => {
        let taken = 0;
        for (const item of batch.slice(0, limit)) {
          if (entries.length > 0 && size > PAGE_BUDGET) break;
          const entry = this.forPage(key, decodeEntry(item));
          size += entrySize(entry);
          entries.push(entry);
          taken++;
        }
        return batch.length > taken;
      };
      let hasOlder = take(raw, first);
      while (hasOlder && entries.length < count && size <= PAGE_BUDGET) {
        const average = Math.max(1, size / entries.length);
        const want = Math.max(1, Math.min(count - entries.length, Math.floor((PAGE_BUDGET - size) / average)));
        const from = previousId(entries[entries.length - 1]!.id);
        if (from === null) {
          hasOlder = false;
          break;
        }
        hasOlder = take((await redis.xrevrangeBuffer(key, from, '-', 'COUNT', want + 1)) as RawEntry[], want);
      }
      const nextBefore = hasOlder ? entries[entries.length - 1]!.id : null;
      return { key, entries, nextBefore, length };
    } catch (error) {
      throw toAppError(error, this.connections.target(connectionId));
    }
  }

  /**
   * An entry as a page carries it: validated whole, then names and values cut to 64 KiB each, and
   * past PAGE_BUDGET characters within the entry the remaining values left empty (all marked with
   * `truncatedFrom`, so `streams.entry` can return them whole).
   */
  private forPage(key: string, decoded: Omit<StreamEntry, 'validation'>): StreamEntry {
    const entry = this.validated(key, decoded);
    let size = 0;
    const fields = entry.fields.map((field) => {
      const name = truncateValue(field.name);
      const value = truncateValue(field.value, size > PAGE_BUDGET ? 0 : VALUE_PREVIEW_BYTES);
      size += valueSize(name) + valueSize(value);
      return { name, value };
    });
    return { ...entry, fields };
  }

  /** Pushes the summaries of `keys` now and every `intervalMs` until the returned teardown runs. */
  watch(connectionId: string, keys: string[], intervalMs: number, sink: Sink<StreamSummary[]>): () => void {
    this.connections.reader(connectionId); // fail now if the connection is gone
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      try {
        const summaries = await readSummaries(this.connections.reader(connectionId), keys);
        if (!stopped) sink.next(summaries);
      } catch (error) {
        const failure = toAppError(error);
        if (failure.code === 'NOT_CONNECTED' || failure.code === 'NO_PERMISSION') {
          if (!stopped) sink.error(failure);
          return;
        }
        // Redis away for a moment: the next tick tries again; the list keeps its last figures.
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** One entry, every value whole. */
  async entry(connectionId: string, key: string, id: string): Promise<StreamEntry> {
    const redis = this.connections.reader(connectionId);
    try {
      const [raw] = (await redis.xrangeBuffer(key, id, id)) as RawEntry[];
      if (!raw) throw new AppError('NOT_FOUND', `Entry ${id} is no longer in "${key}" (deleted or trimmed).`);
      return this.validated(key, decodeEntry(raw));
    } catch (error) {
      throw toAppError(error, this.connections.target(connectionId));
    }
  }

  private validated(key: string, entry: Omit<StreamEntry, 'validation'>): StreamEntry {
    const eventField = entry.fields.find((field) => field.name.kind === 'text' && field.name.text === this.schemas.eventField);
    const validation: Validation = !eventField
      ? { status: 'no-event-field', message: `No "${this.schemas.eventField}" field.` }
      : eventField.value.kind === 'binary'
        ? { status: 'not-json', message: 'The event field is binary, not JSON text.' }
        : this.schemas.validateText(key, eventField.value.text);
    return { ...entry, validation };
  }
}

/** Every stream key: SCAN … TYPE stream to the end; on Redis 5 (no TYPE filter) SCAN + TYPE. */
export async function scanStreamKeys(redis: Redis, context: CallContext): Promise<string[]> {
  const keys = new Set<string>();
  let typeFilter = true;
  let cursor = '0';
  do {
    context.cancellation.throwIfCancelled();
    let batch: string[];
    try {
      [cursor, batch] = typeFilter
        ? await redis.scan(cursor, 'COUNT', SCAN_COUNT, 'TYPE', 'stream')
        : await scanAndFilterStreams(redis, cursor);
    } catch (error) {
      if (!typeFilter || cursor !== '0' || !/syntax error/i.test((error as Error).message)) throw error;
      typeFilter = false; // Redis < 6.0 has no SCAN … TYPE: start over filtering by hand
      [cursor, batch] = await scanAndFilterStreams(redis, '0');
    }
    batch.forEach((key) => keys.add(key));
    context.progress({ done: keys.size, message: `Scanning keys: ${keys.size} streams found so far` });
  } while (cursor !== '0');
  return [...keys];
}

async function scanAndFilterStreams(redis: Redis, cursor: string): Promise<[string, string[]]> {
  const [next, all] = await redis.scan(cursor, 'COUNT', SCAN_COUNT);
  const pipeline = redis.pipeline();
  all.forEach((key) => pipeline.type(key));
  const types = (await pipeline.exec()) ?? [];
  return [next, all.filter((_, index) => types[index]?.[1] === 'stream')];
}

/** XINFO STREAM for each key, in one pipeline; keys deleted meanwhile are left out. */
async function readSummaries(redis: Redis, keys: string[]): Promise<StreamSummary[]> {
  if (keys.length === 0) return [];
  const pipeline = redis.pipeline();
  keys.forEach((key) => pipeline.xinfo('STREAM', key));
  const summaries: StreamSummary[] = [];
  ((await pipeline.exec()) ?? []).forEach(([error, reply], index) => {
    if (error?.message.startsWith('NOPERM')) throw error; // say it, rather than list nothing
    if (error) return; // deleted between SCAN and XINFO, or no longer a stream
    summaries.push(toSummary(keys[index]!, pairsToRecord(reply)));
  });
  return summaries;
}

function toSummary(key: string, info: Record<string, unknown>): StreamSummary {
  const lastEntry = info['last-entry'];
  const lastEntryId = Array.isArray(lastEntry) && lastEntry.length > 0 ? String(lastEntry[0]) : null;
  return {
    key,
    length: requiredNumber(info.length),
    lastEntryId,
    lastEntryTimeMs: lastEntryId ? idTime(lastEntryId) : null,
    groups: requiredNumber(info.groups),
  };
}
