// NAPTR records that BIND refuses to load (it validates NAPTR regexps), served instead by unbound as
// local-data in RFC 3597 generic form. Unvalidated (no AD) and unknown to BIND. See zones/README.md.

export interface RawNaptr {
  order: number;
  preference: number;
  flags: string;
  services: string;
  regexp: string;
  replacement: '.';
}

/** +43 1 2345708: every record but the last is malformed and must be discarded without aborting. */
export const MALFORMED_NAME = '8.0.7.5.4.3.2.1.3.4.e164.arpa.';
export const MALFORMED: RawNaptr[] = [
  {
    order: 100,
    preference: 10,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^(.*$!sip:unbalanced@example.test!',
    replacement: '.',
  },
  {
    order: 100,
    preference: 20,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^.*$!sip:two-delimiters@example.test',
    replacement: '.',
  },
  {
    order: 100,
    preference: 30,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^(.*)$!sip:\\2@example.test!',
    replacement: '.',
  },
  {
    order: 100,
    preference: 40,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '1^.*$1sip:digit-delimiter@example.test1',
    replacement: '.',
  },
  {
    order: 100,
    preference: 50,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^.*$!sip:bad-flag@example.test!o',
    replacement: '.',
  },
  {
    order: 100,
    preference: 60,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^+4312(.*)$!sip:\\1@example.test!',
    replacement: '.',
  },
  {
    order: 100,
    preference: 90,
    flags: 'u',
    services: 'E2U+sip',
    regexp: '!^.*$!sip:henry@example.test!',
    replacement: '.',
  },
];

function charString(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  if (b.length > 255) throw new Error(`character-string too long: ${s}`);
  return Buffer.concat([Buffer.from([b.length]), b]);
}

/** RFC 3597 generic rdata (`\# <len> <hex>`) for a NAPTR with the root as replacement. */
export function naptrGeneric(r: RawNaptr): string {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(r.order, 0);
  head.writeUInt16BE(r.preference, 2);
  const rdata = Buffer.concat([
    head,
    charString(r.flags),
    charString(r.services),
    charString(r.regexp),
    Buffer.from([0]),
  ]);
  return `\\# ${rdata.length} ${rdata.toString('hex')}`;
}

/** unbound.conf lines serving MALFORMED at MALFORMED_NAME. */
export function unboundLocalData(): string[] {
  return [
    `local-zone: "${MALFORMED_NAME}" static`,
    ...MALFORMED.map((r) => `local-data: "${MALFORMED_NAME} 300 IN NAPTR ${naptrGeneric(r)}"`),
  ];
}
