// The JSON DoH API of Google (dns.google/resolve) and Cloudflare (application/dns-json): not an RFC, so the
// body is checked field by field and turned into the same DnsMessage the wire decoder produces. Shape:
// { Status, TC, RD, RA, AD, CD, Question: [{name, type}], Answer/Authority/Additional: [{name, type, TTL, data}] }.
import { normalizeName, parseRdataText, type DnsMessage, type DnsRecord } from '../dns/index.ts';
import { isRecord } from '../guards.ts';
import { err, ok, type Result } from '../result.ts';
import type { DohError } from './types.ts';

const CLASS_IN = 1; // the JSON APIs only serve class IN

const isUint = (v: unknown, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;

/** Names come fully qualified ("example.com."); ours have no trailing dot and canonical escapes. */
const toName = (v: unknown): string | undefined => (typeof v === 'string' ? normalizeName(v) : undefined);

function records(v: unknown, section: string): DnsRecord[] | string {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return `${section} is not an array`;
  const out: DnsRecord[] = [];
  for (const [i, entry] of v.entries()) {
    if (!isRecord(entry)) return `${section}[${i}] is not an object`;
    const name = toName(entry.name);
    const type = entry.type;
    const ttl = entry.TTL ?? 0;
    if (name === undefined || !isUint(type, 0xffff) || !isUint(ttl, 0xffffffff) || typeof entry.data !== 'string') {
      return `${section}[${i}] lacks a name, type, TTL or data`;
    }
    const data = parseRdataText(type, entry.data);
    if (!data.ok) return `${section}[${i}]: ${data.error.message}`;
    // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
    out.push({ name, type, class: CLASS_IN, ttl: ttl > 0x7fffffff ? 0 : ttl, data: data.value });
  }
  return out;
}

export function parseJsonMessage(body: string): Result<DnsMessage, DohError> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return err('malformed', `JSON DoH body is not JSON (${body.length} characters)`);
  }
  if (!isRecord(json) || !isUint(json.Status, 0xfff)) return err('malformed', 'JSON DoH body has no numeric Status');
  const questions = json.Question === undefined ? [] : json.Question;
  if (!Array.isArray(questions)) return err('malformed', 'JSON DoH Question is not an array');
  const parsedQuestions = [];
  for (const q of questions) {
    const name = isRecord(q) ? toName(q.name) : undefined;
    if (!isRecord(q) || name === undefined || !isUint(q.type, 0xffff))
      return err('malformed', 'JSON DoH Question entry lacks name or type');
    parsedQuestions.push({ name, type: q.type, class: CLASS_IN });
  }
  const answers = records(json.Answer, 'Answer');
  const authorities = records(json.Authority, 'Authority');
  const additionals = records(json.Additional, 'Additional');
  for (const r of [answers, authorities, additionals])
    if (typeof r === 'string') return err('malformed', `JSON DoH ${r}`);
  return ok({
    id: 0,
    flags: {
      qr: true,
      opcode: 0,
      aa: false,
      tc: json.TC === true,
      rd: json.RD === true,
      ra: json.RA === true,
      ad: json.AD === true,
      cd: json.CD === true,
      rcode: json.Status,
    },
    questions: parsedQuestions,
    answers: answers as DnsRecord[],
    authorities: authorities as DnsRecord[],
    additionals: additionals as DnsRecord[],
  });
}
