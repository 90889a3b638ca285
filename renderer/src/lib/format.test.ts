import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatEntryTime, formatRelative } from './format';

describe('format', () => {
  it('says how long ago, coarsely', () => {
    const now = 10_000_000;
    expect(formatRelative(now - 200, now)).toBe('just now');
    expect(formatRelative(now - 3_400, now)).toBe('3 s ago');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelative(now - 4 * 86_400_000, now)).toBe('4 d ago');
  });

  it('humanizes idle times', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(2 * 3_600_000 + 3 * 60_000)).toBe('2 h 03 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
  });

  it('shows local time with milliseconds, and the date when not today', () => {
    const at = new Date(2026, 11, 3, 14, 3, 7, 215).getTime();
    expect(formatEntryTime(at, at + 1000)).toBe('14:03:07.215');
    expect(formatEntryTime(at, at + 2 * 86_400_000)).toBe('2026-12-03 14:03:07.215');
  });

  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
