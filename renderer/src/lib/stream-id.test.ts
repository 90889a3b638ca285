import { describe, expect, it } from 'vitest';
import { compareStreamIds } from './stream-id';

describe('compareStreamIds', () => {
  it('orders by time, then sequence, beyond Number precision', () => {
    expect(compareStreamIds('1-0', '2-0')).toBeLessThan(0);
    expect(compareStreamIds('10-0', '9-5')).toBeGreaterThan(0);
    expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0);
    expect(compareStreamIds('18446744073709551615-0', '18446744073709551614-9')).toBeGreaterThan(0);
    expect(compareStreamIds('7-7', '7-7')).toBe(0);
  });
});
