import { describe, expect, it } from 'vitest';
import { printable, printableBounded } from './printable.ts';

describe('printable', () => {
  it('escapes C0, DEL, C1 and bidi controls as UTF-8 octets, byte for byte', () => {
    expect(printable('a\x1b]0;T\x07b')).toBe('a\\027]0;T\\007b');
    expect(printable('\r\n\t\b\x00\x7f')).toBe('\\013\\010\\009\\008\\000\\127');
    expect(printable('\x9b31m')).toBe('\\194\\155' + '31m');
    expect(printable('u\u202Eevil\u2066\u200F\u061C')).toBe(
      'u\\226\\128\\174evil\\226\\129\\166\\226\\128\\143\\216\\156',
    );
  });

  it('keeps printable text, non-ASCII letters and backslashes', () => {
    expect(printable('sip:a@b “é” \\1 ☎')).toBe('sip:a@b “é” \\1 ☎');
  });

  it('bounds the length without cutting an escape in half', () => {
    expect(printableBounded('abc', 10)).toBe('abc');
    expect(printableBounded('x'.repeat(300), 200)).toHaveLength(200);
    const cut = printableBounded(`${'x'.repeat(197)}\x1b`, 200);
    expect(cut).toBe(`${'x'.repeat(197)}…`);
  });
});
