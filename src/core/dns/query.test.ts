import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeMessage } from './message.ts';
import { encodeQuery } from './query.ts';

const encodeOk = (...args: Parameters<typeof encodeQuery>) => {
  const r = encodeQuery(...args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('encodeQuery', () => {
  it('writes ID 0, RD+AD, one question and an OPT with DO and padding', () => {
    const q = encodeOk({ name: '4.3.2.1.e164.arpa', type: 35 });
    expect(q.length).toBe(128);
    const view = new DataView(q.buffer);
    expect(view.getUint16(0)).toBe(0); // RFC 8484 §4.1
    expect(view.getUint16(2)).toBe(0x0120); // RD | AD
    expect([view.getUint16(4), view.getUint16(6), view.getUint16(8), view.getUint16(10)]).toEqual([1, 0, 0, 1]);
    const m = decodeMessage(q);
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.questions).toEqual([{ name: '4.3.2.1.e164.arpa', type: 35, class: 1 }]);
    expect(m.value.flags).toMatchObject({ qr: false, rd: true, ad: true, cd: false });
    expect(m.value.edns).toMatchObject({ udpPayloadSize: 4096, version: 0, dnssecOk: true });
    const padding = m.value.edns?.options?.[0];
    expect(padding?.code).toBe(12);
    expect(padding?.data.every((b) => b === 0)).toBe(true);
  });

  it('sets CD and the ID on request', () => {
    const q = encodeOk({ name: 'example.com.', type: 1, id: 0xbeef, checkingDisabled: true });
    expect(Array.from(q.subarray(0, 4))).toEqual([0xbe, 0xef, 0x01, 0x30]);
  });

  it('pads every query to a multiple of 128 octets (RFC 8467 §4.1)', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,63}$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 0, max: 0xffff }),
        (labels, type) => {
          const r = encodeQuery({ name: labels.join('.'), type });
          if (!r.ok) return r.error.code === 'name-too-long';
          const m = decodeMessage(r.value);
          return r.value.length % 128 === 0 && m.ok && m.value.questions[0]?.type === type;
        },
      ),
    );
    // boundary: a name that makes the unpadded query exactly 128 octets gets an empty padding option
    const exact = encodeOk({ name: `${'x'.repeat(47)}.${'y'.repeat(47)}`, type: 1 }); // 12 + 97 + 4 + 11 + 4
    expect(exact.length).toBe(128);
    expect(Array.from(exact.subarray(-4))).toEqual([0, 12, 0, 0]);
  });

  it.each([
    [{ name: 'a..b', type: 1 }, 'empty-label'],
    [{ name: 'x'.repeat(64), type: 1 }, 'label-too-long'],
    [{ name: Array(200).fill('a').join('.'), type: 1 }, 'name-too-long'],
    [{ name: 'a', type: 65536 }, 'bad-type'],
    [{ name: 'a', type: 1.5 }, 'bad-type'],
    [{ name: 'a', type: 1, id: -1 }, 'bad-id'],
  ])('rejects %j with %s', (q, code) => {
    const r = encodeQuery(q);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});
