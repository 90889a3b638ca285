import { describe, expect, it } from 'vitest';
import { tokenizeJson } from './json-tokens';

describe('tokenizeJson', () => {
  it('tells keys from string values and keeps every character', () => {
    const text = JSON.stringify({ a: 'x:"y"', n: -1.5e3, t: true, z: null, l: [1] }, null, 2);
    const tokens = tokenizeJson(text);
    expect(tokens.map((token) => token.text).join('')).toBe(text);
    expect(tokens.filter((token) => token.kind === 'key').map((token) => token.text)).toEqual(['"a"', '"n"', '"t"', '"z"', '"l"']);
    expect(tokens.find((token) => token.kind === 'string')?.text).toBe('"x:\\"y\\""');
    expect(tokens.filter((token) => token.kind === 'literal').map((token) => token.text)).toEqual(['true', 'null']);
    expect(tokens.filter((token) => token.kind === 'number').map((token) => token.text)).toEqual(['-1500', '1']);
  });
});
