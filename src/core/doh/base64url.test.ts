import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64url, toBase64url } from './base64url.ts';

describe('base64url', () => {
  it('matches the RFC 8484 §4.1.1 example (www.example.com A, ID 0)', () => {
    const query = Uint8Array.from([
      0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x77, 0x77, 0x77, 0x07, 0x65, 0x78,
      0x61, 0x6d, 0x70, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x00, 0x01,
    ]);
    expect(toBase64url(query)).toBe('AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB');
  });

  it('uses - and _ and never pads (RFC 8484 §6)', () => {
    expect(toBase64url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
    expect(toBase64url(Uint8Array.from([0xfb, 0xef, 0xbe]))).toBe('----');
    expect(toBase64url(Uint8Array.from([0xff, 0xff, 0xff]))).toBe('____');
    expect(toBase64url(new Uint8Array(0))).toBe('');
  });

  it('round-trips any bytes and rejects foreign alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const text = toBase64url(b);
        return /^[A-Za-z0-9_-]*$/.test(text) && Array.from(fromBase64url(text) ?? []).join() === Array.from(b).join();
      }),
    );
    expect(fromBase64url('ab+/')).toBeUndefined();
    expect(fromBase64url('abcde')).toBeUndefined();
  });
});
