// Recorded responses (test/fixtures/dns/README.md) decode to what the server was told to serve.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../test/fixtures/dns/build.ts';
import { formatRdata } from './format.ts';
import { decodeMessage } from './message.ts';

const fixture = (file: string) =>
  fromHex(readFileSync(new URL(`../../../test/fixtures/dns/${file}.hex`, import.meta.url), 'utf8'));
const decoded = (file: string) => {
  const r = decodeMessage(fixture(file));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const OWNER = '4.4.2.2.3.3.5.6.8.1.4.4.e164.arpa';
const show = (records: { name: string; ttl: number; type: number; data: Parameters<typeof formatRdata>[0] }[]) =>
  records.map((r) => `${r.name} ${r.ttl} ${r.type} ${formatRdata(r.data)}`);

describe('recorded BIND responses', () => {
  it('bind-naptr: three NAPTRs, compressed owners, uncompressed replacement', () => {
    const m = decoded('bind-naptr');
    expect(m.flags).toMatchObject({ qr: true, aa: true, rd: true, ad: false, rcode: 0 });
    expect(m.questions).toEqual([{ name: OWNER, type: 35, class: 1 }]);
    expect(show(m.answers).sort()).toEqual([
      `${OWNER} 3600 35 100 10 "u" "E2U+sip" "!^\\\\+441865332(.*)$!sip:\\\\1@nominet.org.uk!" .`,
      `${OWNER} 3600 35 100 20 "u" "E2U+pstn:tel" "!^(.*)$!tel:\\\\1!" .`,
      `${OWNER} 3600 35 100 30 "s" "SIP+D2T" "" _sip._tcp.${OWNER}.`,
    ]);
    expect(m.answers.find((r) => r.data.kind === 'NAPTR' && r.data.preference === 10)?.data).toMatchObject({
      regexp: '!^\\+441865332(.*)$!sip:\\1@nominet.org.uk!',
      replacement: '',
    });
    expect(m.edns).toEqual({ udpPayloadSize: 1232, version: 0, dnssecOk: true, options: [] });
  });

  it('bind-nxdomain: NXDOMAIN with the zone SOA', () => {
    const m = decoded('bind-nxdomain');
    expect(m.flags.rcode).toBe(3);
    expect(m.answers).toEqual([]);
    expect(show(m.authorities)).toEqual([
      'e164.arpa 300 6 ns.example. hostmaster.example. 2026010101 7200 3600 1209600 300',
    ]);
  });

  it('bind-cname-naptr: CNAME then the NAPTRs of its target', () => {
    const m = decoded('bind-cname-naptr');
    expect(m.answers[0]).toMatchObject({ name: 'alias.1.e164.arpa', type: 5, data: { kind: 'CNAME', target: OWNER } });
    expect(m.answers.slice(1).every((r) => r.name === OWNER && r.type === 35)).toBe(true);
  });

  it('every truncation of every fixture is an error value', () => {
    for (const file of ['bind-naptr', 'bind-nxdomain', 'bind-cname-naptr']) {
      const whole = fixture(file);
      for (let n = 0; n < whole.length; n++) expect(decodeMessage(whole.subarray(0, n)).ok).toBe(false);
    }
  });
});
