// RDATA in presentation form (RFC 1035 §5.1) as JSON DoH APIs serve it: either the type's own syntax, e.g.
// NAPTR `100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .`, or RFC 3597 §5 generic syntax `\# 40 0064000a...`
// (Cloudflare serves NAPTR in both; its workerd `src/node/internal/internal_dns_client.ts` parses both). Also the
// reverse, for showing records.
import { err, ok, type Result } from '../result.ts';
import { DecodeFailure, type DnsTextError } from './errors.ts';
import { formatName, parseName } from './name.ts';
import { decodeRdata } from './rdata.ts';
import { Reader } from './reader.ts';
import { RRType, type RecordData } from './types.ts';

interface Token {
  /** Source text without surrounding quotes, escapes untouched (names are parsed from this). */
  raw: string;
  /** Octets after unescaping (\DDD, \X); non-ASCII characters as UTF-8. */
  octets: Uint8Array;
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder('utf-8', { fatal: false });

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++;
      continue;
    }
    const quoted = text[i] === '"';
    if (quoted) i++;
    const start = i;
    const octets: number[] = [];
    for (;;) {
      if (i >= text.length) {
        if (quoted) return `unterminated quoted string at ${start - 1}`;
        break;
      }
      const ch = text[i] as string;
      if (quoted ? ch === '"' : /\s/.test(ch)) break;
      if (ch === '"') return `unescaped quote inside a field at ${i}`;
      if (ch === '\\') {
        const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
        if (digits && Number(digits[0]) <= 255) {
          octets.push(Number(digits[0]));
          i += 4;
          continue;
        }
        const next = text.codePointAt(i + 1);
        if (next === undefined || (next >= 0x30 && next <= 0x39)) return `bad escape at ${i}`;
        i += 1;
      }
      const s = String.fromCodePoint(text.codePointAt(i) as number);
      octets.push(...utf8.encode(s));
      i += s.length;
    }
    tokens.push({ raw: text.slice(start, i), octets: Uint8Array.from(octets) });
    if (quoted) i++; // closing quote
  }
  return tokens;
}

const uint = (t: Token | undefined, max: number): number | undefined =>
  t && /^\d{1,10}$/.test(t.raw) && Number(t.raw) <= max ? Number(t.raw) : undefined;

/** RFC 1035 §3.3: a <character-string> is at most 255 octets. */
const characterString = (t: Token | undefined): string | undefined =>
  t && t.octets.length <= 255 ? utf8Text.decode(t.octets) : undefined;

const name = (t: Token | undefined): string | undefined => {
  if (!t) return undefined;
  const labels = parseName(t.raw);
  return labels.ok ? formatName(labels.value) : undefined;
};

/** RFC 3597 §5: `\# <length> <hex>`, hex possibly split by whitespace. */
function generic(type: number, tokens: Token[]): RecordData | string {
  const length = uint(tokens[1], 0xffff);
  const hex = tokens
    .slice(2)
    .map((t) => t.raw)
    .join('');
  if (length === undefined || !/^([0-9a-fA-F]{2})*$/.test(hex) || hex.length !== length * 2) {
    return `generic RDATA does not match its length ${tokens[1]?.raw ?? '(missing)'}`;
  }
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  try {
    // Standalone RDATA has no message to point into: compression pointers are errors here.
    return decodeRdata(new Reader(bytes, 0, length, 'bad-rdata'), type, false);
  } catch (e) {
    if (e instanceof DecodeFailure) return e.message;
    throw e;
  }
}

function specific(type: number, t: Token[]): RecordData | string | undefined {
  const count = { [RRType.NAPTR]: 6, [RRType.SRV]: 4, [RRType.CNAME]: 1, [RRType.SOA]: 7 }[type];
  if (count === undefined) return undefined;
  if (t.length !== count) return `expected ${count} fields, got ${t.length}`;
  let data: RecordData | undefined;
  if (type === RRType.NAPTR) {
    const f = [
      uint(t[0], 0xffff),
      uint(t[1], 0xffff),
      characterString(t[2]),
      characterString(t[3]),
      characterString(t[4]),
      name(t[5]),
    ];
    if (!f.some((x) => x === undefined)) {
      const [order, preference, flags, services, regexp, replacement] = f as [
        number,
        number,
        string,
        string,
        string,
        string,
      ];
      data = { kind: 'NAPTR', order, preference, flags, services, regexp, replacement };
    }
  } else if (type === RRType.SRV) {
    const f = [uint(t[0], 0xffff), uint(t[1], 0xffff), uint(t[2], 0xffff), name(t[3])];
    if (!f.some((x) => x === undefined)) {
      const [priority, weight, port, target] = f as [number, number, number, string];
      data = { kind: 'SRV', priority, weight, port, target };
    }
  } else if (type === RRType.CNAME) {
    const target = name(t[0]);
    if (target !== undefined) data = { kind: 'CNAME', target };
  } else {
    const f = [name(t[0]), name(t[1]), ...t.slice(2).map((x) => uint(x, 0xffffffff))];
    if (!f.some((x) => x === undefined)) {
      const [mname, rname, serial, refresh, retry, expire, minimum] = f as [
        string,
        string,
        number,
        number,
        number,
        number,
        number,
      ];
      data = { kind: 'SOA', mname, rname, serial, refresh, retry, expire, minimum };
    }
  }
  return data ?? 'a field is out of range or not well-formed';
}

/** Parses the RDATA text of a record of `type`. Types we do not decode come back raw with `text` kept. */
export function parseRdataText(type: number, text: string): Result<RecordData, DnsTextError> {
  const tokens = tokenize(text);
  const what = `RDATA text of type ${type} "${text.length > 80 ? text.slice(0, 80) + '…' : text}"`;
  if (typeof tokens === 'string') return err('bad-text', `${what}: ${tokens}`);
  const data =
    tokens[0]?.raw === '\\#' && text.trimStart().startsWith('\\#') ? generic(type, tokens) : specific(type, tokens);
  if (data === undefined) return ok({ kind: 'raw', bytes: new Uint8Array(0), text });
  if (typeof data === 'string') return err('bad-text', `${what}: ${data}`);
  return ok(data);
}
