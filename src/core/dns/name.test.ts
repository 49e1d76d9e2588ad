import { describe, expect, it } from 'vitest';
import { canonicalName, formatName, namesEqual, normalizeName, parseName } from './name.ts';

const labelsOf = (text: string) => {
  const r = parseName(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((l) => Array.from(l));
};

describe('parseName / formatName', () => {
  it('parses with or without the trailing dot; "" and "." are the root', () => {
    expect(labelsOf('a.bc')).toEqual([[0x61], [0x62, 0x63]]);
    expect(labelsOf('a.bc.')).toEqual(labelsOf('a.bc'));
    expect(labelsOf('')).toEqual([]);
    expect(labelsOf('.')).toEqual([]);
  });

  it('handles \\DDD and \\X escapes and round-trips to a canonical spelling', () => {
    expect(labelsOf('a\\.b.c')).toEqual([[0x61, 0x2e, 0x62], [0x63]]);
    expect(labelsOf('\\065\\\\')).toEqual([[0x41, 0x5c]]);
    expect(normalizeName('\\065\\098.\\000x.')).toBe('Ab.\\000x');
    expect(normalizeName('a\\.b\\ c')).toBe('a\\.b\\032c');
    expect(labelsOf('é')).toEqual([[0xc3, 0xa9]]);
    expect(normalizeName('é')).toBe('\\195\\169');
  });

  it.each([
    ['a..b', 'empty-label'],
    ['.a', 'empty-label'],
    ['a..', 'empty-label'],
    ['x'.repeat(64), 'label-too-long'],
    [Array(128).fill('a').join('.'), 'name-too-long'],
    ['a\\', 'bad-escape'],
    ['a\\25', 'bad-escape'],
    ['a\\256', 'bad-escape'],
  ])('rejects %j with %s', (text, code) => {
    const r = parseName(text);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('accepts the longest legal name: 255 octets in wire form (RFC 1035 §2.3.4)', () => {
    const longest = [...Array(3).fill('x'.repeat(63)), 'x'.repeat(61)].join('.'); // 3*64 + 62 + 1 = 255
    expect(parseName(longest).ok).toBe(true);
    expect(parseName(longest + 'x').ok).toBe(false);
    expect(formatName(parseName(longest + '.').ok ? labelsOf(longest).map((l) => Uint8Array.from(l)) : [])).toBe(
      longest,
    );
  });
});

describe('canonicalName / namesEqual', () => {
  it('compares ASCII case-insensitively (RFC 4343) and ignores the trailing dot', () => {
    expect(canonicalName('WWW.Example.COM.')).toBe('www.example.com');
    expect(namesEqual('e164.ARPA', 'E164.arpa.')).toBe(true);
    expect(namesEqual('\\065.b', 'a.B')).toBe(true);
    expect(namesEqual('a\\.b', 'a.b')).toBe(false);
    expect(namesEqual('É', 'é')).toBe(false); // only A–Z fold
  });
});
