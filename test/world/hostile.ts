// A hostile DoH resolver on loopback (README "Hostile zones"): a Node HTTP/2 server (HTTP/1.1 too) with the
// world's certificate that copies each query's question and crafts the answer byte by byte, so it can send
// what BIND and unbound never would. The number picks the scenario (HOSTILE below); a path prefix picks a
// transport misbehaviour (`/huge/dns-query` streams a body without end). It speaks RFC 8484 GET and POST and
// the JSON API (`?name=…&type=…`).
import http2 from 'node:http2';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';

/** Numbers (all valid for libphonenumber) and the answers they get. */
export const HOSTILE = {
  /** 230 distinct 255-octet regexps, each 18 sibling `(.{0,31}){31}`: cheap to match, costly to compile. */
  bomb: '+12025550114',
  /** Ten non-terminals, each to a name answering like `bomb` with its own distinct regexps. */
  bombNonTerminals: '+12025550115',
  /** Like `bombNonTerminals` with the costliest regexps still allowed: 5-range classes repeated {0,50}. */
  budget: '+12025550118',
  /** Terminal escapes in the flags, services and regexp flags of rejected records. */
  escapes: '+12025550116',
  /** Bidi controls in the flags and services of rejected records. */
  bidi: '+12025550117',
  /** One good record with a TTL of 2^31−1. */
  ttlMax: '+12025550112',
  /** NXDOMAIN whose SOA TTL and MINIMUM are 2^31−1. */
  negativeTtlMax: '+12025550113',
  /** Ten non-terminals, each to ~62 KB of records of 255-octet non-UTF-8 fields (TTL 1 day). */
  flood: '+12025550126',
  /** One good record (for timing other lookups against). */
  good: '+12025550110',
} as const;

export interface Hostile {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE = 65_535;
const TTL_MAX = 0x7fffffff;

export const enumName = (e164: string): string => `${e164.slice(1).split('').reverse().join('.')}.e164.arpa`;

function wireName(name: string): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((l) => l !== '');
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])),
    Buffer.from([0]),
  ]);
}

const charString = (b: Buffer): Buffer => Buffer.concat([Buffer.from([b.length]), b]);

interface Rr {
  type: number;
  ttl: number;
  rdata: Buffer;
}

function naptr(
  order: number,
  preference: number,
  flags: Buffer,
  services: Buffer,
  regexp: Buffer,
  replacement = '',
): Rr {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(order, 0);
  head.writeUInt16BE(preference, 2);
  return {
    type: 35,
    ttl: 300,
    rdata: Buffer.concat([head, charString(flags), charString(services), charString(regexp), wireName(replacement)]),
  };
}
const terminal = (pref: number, services: string, regexp: string, flags = 'u'): Rr =>
  naptr(100, pref, Buffer.from(flags, 'utf8'), Buffer.from(services, 'utf8'), Buffer.from(regexp, 'utf8'));
const nonTerminal = (pref: number, target: string): Rr =>
  naptr(100, pref, Buffer.alloc(0), Buffer.from('E2U+sip'), Buffer.alloc(0), target);

/** The bomb regexp: 18 sibling groups, ≤ 255 octets, distinct by `tag`. */
export const bombRegexp = (tag: string): string => `!^${'(.{0,31}){31}'.repeat(18)}$!sip:${tag}@x!`;

/** Among the costliest regexps the core still compiles (5 ranges × 50 + 1 = 251 positions), distinct by
 *  `tag`; it matches the number, so each compiled one yields a URI. */
export const allowedRegexp = (tag: string): string => `!^([[:punct:][:digit:]]{0,50})$!sip:${tag}@x!`;

interface Answer {
  rcode: number;
  answers: Rr[];
  authority?: Rr[];
}

/** Fills a message with records from `make(i)` until the next would pass 65,535 octets. */
function fill(make: (i: number) => Rr, questionLength: number): Rr[] {
  const out: Rr[] = [];
  let size = 12 + questionLength;
  for (let i = 0; ; i++) {
    const rr = make(i);
    const next = size + 2 + 10 + rr.rdata.length;
    if (next > MAX_MESSAGE || i >= 1000) return out;
    out.push(rr);
    size = next;
  }
}

function answerFor(qname: string, questionLength: number): Answer {
  const name = qname.toLowerCase().replace(/\.$/, '');
  const nts = (prefix: string) => ({
    rcode: 0,
    answers: Array.from({ length: 10 }, (_, k) => nonTerminal(k, `${prefix}${k}.hostile.example`)),
  });
  if (name === enumName(HOSTILE.bomb))
    return { rcode: 0, answers: fill((i) => terminal(i, 'E2U+sip', bombRegexp(`p${i}`)), questionLength) };
  if (name === enumName(HOSTILE.bombNonTerminals)) return nts('b');
  const bombAt = /^b(\d)\.hostile\.example$/.exec(name);
  if (bombAt)
    return { rcode: 0, answers: fill((i) => terminal(i, 'E2U+sip', bombRegexp(`k${bombAt[1]}p${i}`)), questionLength) };
  if (name === enumName(HOSTILE.budget)) return nts('c');
  const budgetAt = /^c(\d)\.hostile\.example$/.exec(name);
  if (budgetAt)
    return {
      rcode: 0,
      answers: fill((i) => terminal(i, 'E2U+sip', allowedRegexp(`k${budgetAt[1]}p${i}`)), questionLength),
    };
  if (name === enumName(HOSTILE.flood)) return nts('f');
  if (/^f\d\.hostile\.example$/.test(name)) {
    const junk = (i: number) => Buffer.from(Array.from({ length: 255 }, (_, j) => 0x80 + ((i + j) % 0x7f)));
    return {
      rcode: 0,
      answers: fill((i) => ({ ...naptr(100, i, junk(i), junk(i + 1), junk(i + 2)), ttl: 86_400 }), questionLength),
    };
  }
  if (name === enumName(HOSTILE.escapes)) {
    return {
      rcode: 0,
      answers: [
        terminal(
          10,
          'E2U+sip',
          '!^.*$!sip:a@b!',
          '\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[H\x1b[31mFAKE: 1 usable URI sip:bank@trusted.example\x1b[0m',
        ),
        terminal(20, 'E2U+sip\r\x1b[1A\x1b[2K\x9b31m', '!^.*$!sip:a@b!'),
        terminal(30, 'E2U+sip', '!^.*$!sip:a@b!\x1b[5m\b\b\b'),
        terminal(40, 'E2U+sip', '!^[[:\x1b[8m:]]$!sip:a@b!'),
        terminal(50, 'E2U+sip', '!^.*$!sip:ok@example.test!'),
      ],
    };
  }
  if (name === enumName(HOSTILE.bidi)) {
    return {
      rcode: 0,
      answers: [
        terminal(10, 'E2U+sip', '!^.*$!sip:a@b!', '\u202Eu'),
        terminal(20, 'E2U+sip\u202E', '!^.*$!sip:a@b!'),
        terminal(30, 'E2U+sip', '!^.*$!sip:ok@example.test!'),
      ],
    };
  }
  if (name === enumName(HOSTILE.ttlMax))
    return { rcode: 0, answers: [{ ...terminal(10, 'E2U+sip', '!^.*$!sip:pinned@example.test!'), ttl: TTL_MAX }] };
  if (name === enumName(HOSTILE.negativeTtlMax)) {
    const serial = Buffer.alloc(20);
    serial.writeUInt32BE(1, 0);
    serial.writeUInt32BE(3600, 4);
    serial.writeUInt32BE(600, 8);
    serial.writeUInt32BE(86400, 12);
    serial.writeUInt32BE(TTL_MAX, 16);
    const soa = {
      type: 6,
      ttl: TTL_MAX,
      rdata: Buffer.concat([wireName('ns.hostile.example'), wireName('admin.hostile.example'), serial]),
    };
    return { rcode: 3, answers: [], authority: [soa] };
  }
  if (name === enumName(HOSTILE.good))
    return { rcode: 0, answers: [terminal(10, 'E2U+sip', '!^.*$!sip:good@example.test!')] };
  return { rcode: 3, answers: [] };
}

/** Reads the question (name, end offset) of a query; names in queries are never compressed. */
function question(query: Buffer): { name: string; end: number } | undefined {
  const labels: string[] = [];
  let at = 12;
  while (at < query.length) {
    const len = query[at] as number;
    if (len === 0) return { name: labels.join('.'), end: at + 5 };
    if (len > 63) return undefined;
    labels.push(query.subarray(at + 1, at + 1 + len).toString('ascii'));
    at += 1 + len;
  }
  return undefined;
}

export function respond(query: Buffer): Buffer | undefined {
  const q = question(query);
  if (!q || q.end > query.length) return undefined;
  const questionBytes = query.subarray(12, q.end);
  const { rcode, answers, authority = [] } = answerFor(q.name, questionBytes.length);
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(0x8180 | rcode | (query.readUInt16BE(2) & 0x0100), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  header.writeUInt16BE(authority.length, 8);
  const rrs = [...answers, ...authority].map((rr, i) => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(rr.type, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(rr.ttl, 4);
    fixed.writeUInt16BE(rr.rdata.length, 8);
    // Answers are owned by the question's name (pointer to offset 12), the SOA by its zone.
    const owner = i < answers.length ? Buffer.from([0xc0, 12]) : wireName('hostile.example');
    return Buffer.concat([owner, fixed, rr.rdata]);
  });
  return Buffer.concat([header, questionBytes, ...rrs]);
}

/** The JSON API (application/dns-json): for `escapes`, RDATA text that does not parse, so the client's
 *  error message quotes it (terminal escapes included). */
function jsonAnswer(name: string): string {
  const Question = [{ name, type: 35 }];
  if (name.toLowerCase().replace(/\.$/, '') === enumName(HOSTILE.escapes)) {
    const data = '\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[HFAKE: 1 usable URI';
    return JSON.stringify({
      Status: 0,
      TC: false,
      RD: true,
      RA: true,
      AD: false,
      CD: false,
      Question,
      Answer: [{ name, type: 35, TTL: 300, data }],
    });
  }
  return JSON.stringify({ Status: 3, TC: false, RD: true, RA: true, AD: false, CD: false, Question });
}

export async function startHostile(certFile: string, keyFile: string): Promise<Hostile> {
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  const server = http2.createSecureServer({ cert, key, allowHTTP1: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    res.on('error', () => {
      /* the client went away */
    });
    if (url.pathname.startsWith('/huge/')) {
      // Streams application/dns-message until the client gives up.
      res.writeHead(200, {
        'content-type': url.searchParams.has('name') ? 'application/dns-json' : 'application/dns-message',
      });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) {
          /* until back-pressure */
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      req.on('close', () => res.destroy());
      return;
    }
    const name = url.searchParams.get('name');
    if (name !== null) {
      res.writeHead(200, { 'content-type': 'application/dns-json' });
      res.end(jsonAnswer(name));
      return;
    }
    const send = (q: Buffer): void => {
      const body = respond(q);
      if (!body) {
        res.writeHead(400);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/dns-message', 'cache-control': 'max-age=0' });
      res.end(body);
    };
    const dns = url.searchParams.get('dns');
    if (req.method === 'GET' && dns !== null) {
      send(Buffer.from(dns, 'base64url'));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => send(Buffer.concat(chunks)));
  });
  server.on('sessionError', () => {
    /* a client reset */
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('hostile DoH server has no port');
  server.unref();
  return {
    port: addr.port,
    url: `https://127.0.0.1:${addr.port}/dns-query`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
