import { describe, expect, it } from 'vitest';
import { parseJsonMessage } from './json.ts';

const QNAME = '4.4.2.2.3.3.5.6.8.1.4.4.e164.arpa';
const parsed = (body: unknown) => {
  const r = parseJsonMessage(JSON.stringify(body));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parseJsonMessage', () => {
  it('reads a Cloudflare-style answer with NAPTR in presentation form', () => {
    const m = parsed({
      Status: 0,
      TC: false,
      RD: true,
      RA: true,
      AD: true,
      CD: false,
      Question: [{ name: QNAME, type: 35 }],
      Answer: [
        {
          name: QNAME,
          type: 35,
          TTL: 3600,
          data: '100 10 "u" "E2U+sip" "!^\\\\+441865332(.*)$!sip:\\\\1@nominet.org.uk!" .',
        },
        { name: QNAME, type: 46, TTL: 3600, data: 'NAPTR 8 14 3600 20300101000000 20200101000000 1 e164.arpa. abc=' },
      ],
    });
    expect(m.flags).toMatchObject({ qr: true, tc: false, ad: true, rcode: 0 });
    expect(m.questions).toEqual([{ name: QNAME, type: 35, class: 1 }]);
    expect(m.answers[0]).toEqual({
      name: QNAME,
      type: 35,
      class: 1,
      ttl: 3600,
      data: {
        kind: 'NAPTR',
        order: 100,
        preference: 10,
        flags: 'u',
        services: 'E2U+sip',
        regexp: '!^\\+441865332(.*)$!sip:\\1@nominet.org.uk!',
        replacement: '',
      },
    });
    expect(m.answers[1]?.data).toMatchObject({ kind: 'raw', text: expect.stringMatching(/^NAPTR 8/) });
  });

  it('reads Google-style fully qualified names, RFC 3597 generic NAPTR data, SOA authority and NXDOMAIN', () => {
    const rdata = '0064000a0175074532552b7369700e215e2e2a24217369703a6140622100';
    const m = parsed({
      Status: 3,
      TC: false,
      AD: false,
      Question: [{ name: `${QNAME}.`, type: 35 }],
      Answer: [{ name: `${QNAME}.`, type: 35, TTL: 60, data: `\\# ${rdata.length / 2} ${rdata}` }],
      Authority: [{ name: 'e164.arpa.', type: 6, TTL: 900, data: 'ns.example. hostmaster.example. 1 2 3 4 120' }],
      Comment: 'Response from 192.0.2.1.',
    });
    expect(m.flags.rcode).toBe(3);
    expect(m.questions[0]?.name).toBe(QNAME);
    expect(m.answers[0]?.data).toEqual({
      kind: 'NAPTR',
      order: 100,
      preference: 10,
      flags: 'u',
      services: 'E2U+sip',
      regexp: '!^.*$!sip:a@b!',
      replacement: '',
    });
    expect(m.authorities[0]).toMatchObject({ name: 'e164.arpa', ttl: 900, data: { kind: 'SOA', minimum: 120 } });
  });

  it('reads SRV and CNAME data', () => {
    const m = parsed({
      Status: 0,
      Question: [{ name: '_pres._sip.example.com.', type: 33 }],
      Answer: [
        { name: '_pres._sip.example.com.', type: 5, TTL: 10, data: 'pres.example.net.' },
        { name: 'pres.example.net.', type: 33, TTL: 20, data: '0 5 5061 sip.example.net.' },
      ],
    });
    expect(m.answers.map((r) => r.data)).toEqual([
      { kind: 'CNAME', target: 'pres.example.net' },
      { kind: 'SRV', priority: 0, weight: 5, port: 5061, target: 'sip.example.net' },
    ]);
  });

  it.each([
    ['not JSON', '<html>'],
    ['no Status', '{}'],
    ['Status not a number', '{"Status":"0"}'],
    ['Answer not an array', '{"Status":0,"Answer":{}}'],
    ['record without data', '{"Status":0,"Answer":[{"name":"a.","type":35,"TTL":1}]}'],
    ['unparsable NAPTR data', '{"Status":0,"Answer":[{"name":"a.","type":35,"TTL":1,"data":"100 \\"u\\""}]}'],
    ['bad question', '{"Status":0,"Question":[{"name":5,"type":35}]}'],
    ['negative TTL', '{"Status":0,"Answer":[{"name":"a.","type":5,"TTL":-1,"data":"b."}]}'],
  ])('rejects %s as malformed', (_label, body) => {
    const r = parseJsonMessage(body);
    expect(r.ok ? 'ok' : r.error.code).toBe('malformed');
  });
});
