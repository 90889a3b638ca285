/**
 * Reads Redis replies by field name, never by position: the order and the set of fields of XINFO
 * replies differ between server versions (see tests/fixtures/redis-replies).
 */

/** `[name, value, name, value, ...]` → record. */
export function pairsToRecord(reply: unknown): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  if (!Array.isArray(reply)) return record;
  for (let index = 0; index + 1 < reply.length; index += 2) record[String(reply[index])] = reply[index + 1];
  return record;
}

/** A number field that may be absent (older servers), null (unknown), or a string. */
export function optionalNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

export const requiredNumber = (value: unknown): number => optionalNumber(value) ?? 0;

/** Milliseconds part of a stream ID. */
export const idTime = (id: string): number => Number(id.split('-')[0]);

/** Compares two complete stream IDs. */
export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bMs, bSeq] = b.split('-').map(BigInt) as [bigint, bigint];
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

const MAX_SEQ = 18446744073709551615n;

/**
 * The ID just before `id`, for an exclusive upper bound that works on every server version
 * (the `(` prefix needs Redis 6.2). Null when `id` is 0-0.
 */
export function previousId(id: string): string | null {
  const [ms, seq] = id.split('-').map(BigInt) as [bigint, bigint];
  if (seq > 0n) return `${ms}-${seq - 1n}`;
  if (ms > 0n) return `${ms - 1n}-${MAX_SEQ}`;
  return null;
}
