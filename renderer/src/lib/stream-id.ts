/**
 * Stream IDs are `ms-seq` with both parts up to 20 digits (beyond Number's exact range), so they
 * are compared as digit strings: a longer number is larger, equal lengths compare as text.
 */
const compareDigits = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;

/** Negative when `a` is older than `b`, positive when newer, 0 when equal. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = '0', aSeq = '0'] = a.split('-');
  const [bMs = '0', bSeq = '0'] = b.split('-');
  return compareDigits(aMs, bMs) || compareDigits(aSeq, bSeq);
}

/** The milliseconds part of an ID as a number (exact up to year 287396). */
export const streamIdTime = (id: string): number => Number(id.split('-')[0]);
