import { describe, expect, it } from 'vitest';
import { prettyJson } from './pretty-json';

describe('prettyJson', () => {
  it('indents without changing a single value', () => {
    const source = '{"id":9007199254740993,"big":12345678901234567890,"a":1,"a":2,"f":1.10,"s":"x\\u00e9"}';
    expect(prettyJson(source)).toBe('{\n  "id": 9007199254740993,\n  "big": 12345678901234567890,\n  "a": 1,\n  "a": 2,\n  "f": 1.10,\n  "s": "x\\u00e9"\n}');
  });
});

describe('prettyJson on hostile input', () => {
  it('formats a large document in linear time', () => {
    const source = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, index) => ({ id: index, name: `item ${index}` })) });
    const started = performance.now();
    const pretty = prettyJson(source);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.parse(pretty)).toEqual(JSON.parse(source));
  });

  it('gives up on indentation that would explode, and returns the text unchanged', () => {
    const source = `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    expect(prettyJson(source)).toBe(source);
  });
});
