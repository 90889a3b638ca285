import type { EntryField, RedisValue, StreamEntry } from '../../../shared/contract/models';
import { idTime } from '../redis/replies';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
