import { describe, expect, it } from 'vitest';
import { prettyJson } from './pretty-json';

describe('prettyJson', () => {
  it('indents without changing a single value', () => {
    const source = '{"id":9007199254740993,"big":12345678901234567890,"a":1,"a":2,"f":1.10,"s":"x\\u00e9"}';
    expect(prettyJson(source)).toBe('{\n  "id": 9007199254740993,\n  "big": 12345678901234567890,\n  "a": 1,\n  "a": 2,\n  "f": 1.10,\n  "s": "x\\u00e9"\n}');
  });
});
