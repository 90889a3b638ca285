import type { EntryField, RedisValue, StreamEntry } from '../../../shared/contract/models';
import { idTime } from '../redis/replies';

// ignoreBOM: a leading byte-order mark is part of the value and must be shown, not swallowed.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text when the bytes are valid UTF-8, hex otherwise: a value is never mangled. */
export function decodeValue(bytes: Buffer): RedisValue {
  try {
    return { kind: 'text', text: utf8.decode(bytes) };
  } catch {
    return { kind: 'binary', hex: bytes.toString('hex'), byteLength: bytes.length };
  }
}

/** One XRANGE/XREVRANGE item read as buffers: `[id, [field, value, ...]]`. */
export type RawEntry = [Buffer, Buffer[] | null];

export function decodeEntry(raw: RawEntry): Omit<StreamEntry, 'validation'> {
  const id = raw[0].toString('latin1');
  const flat = raw[1] ?? [];
  const fields: EntryField[] = [];
  for (let index = 0; index + 1 < flat.length; index += 2) {
    fields.push({ name: decodeValue(flat[index]!), value: decodeValue(flat[index + 1]!) });
  }
  return { id, timeMs: idTime(id), fields };
}

/** Longest value, in bytes, sent whole in a page of entries. */
export const VALUE_PREVIEW_BYTES = 64 * 1024;

/** Cuts a long value for a page; `truncatedFrom` keeps its full size. */
export function truncateValue(value: RedisValue, limit = VALUE_PREVIEW_BYTES): RedisValue {
  if (value.kind === 'binary') {
    return value.byteLength > limit ? { ...value, hex: value.hex.slice(0, limit * 2), truncatedFrom: value.byteLength } : value;
  }
  const bytes = Buffer.byteLength(value.text);
  if (bytes <= limit) return value;
  // Cut on a character boundary at or below the byte limit.
  const cut = Buffer.from(value.text).subarray(0, limit).toString('utf8').replace(/\uFFFD$/, '');
  return { kind: 'text', text: cut, truncatedFrom: bytes };
}

/** Rough size of a value on the wire, for the page budget. */
export const valueSize = (value: RedisValue): number => (value.kind === 'text' ? value.text.length : value.hex.length);
