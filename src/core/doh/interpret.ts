// Turns a decoded response into a DohResponse: checks it answers our question, follows CNAMEs within the
// answer section, classifies the outcome and computes how long it may be cached.
import { namesEqual, RCode, RRType, type DnsMessage, type DnsRecord } from '../dns/index.ts';
import { err, ok, type Result } from '../result.ts';
import type { DnsStatus, DohError, DohQuery, DohResponse } from './types.ts';

/** Longest CNAME chain we follow inside one answer (resolvers stop around 8–16; BIND max-query-restarts 11). */
export const MAX_CNAME_CHAIN = 16;
/** Negative answers without an SOA in the authority section (RFC 2308 §5 relies on it) are cached this long:
 *  short enough that a fix becomes visible soon, long enough to not re-ask for every number on a page. */
export const NEGATIVE_TTL_FALLBACK = 60;
/** Longest a positive answer is cached, whatever its TTL says: 1 day, as resolvers cap it (unbound
 *  cache-max-ttl 86400). A TTL of 2^31−1 would otherwise pin a zone's answer for the browser session. */
export const MAX_TTL = 86_400;
/** Longest a negative answer is cached: 3 hours (RFC 2308 §5: "one to three hours have been found to work
 *  well"; unbound cache-max-negative-ttl). */
export const MAX_NEGATIVE_TTL = 10_800;
const CLASS_IN = 1;

function statusOf(rcode: number, found: boolean): DnsStatus {
  switch (rcode) {
    case RCode.NOERROR:
      return found ? 'NOERROR' : 'NODATA';
    case RCode.NXDOMAIN:
      return 'NXDOMAIN';
    case RCode.SERVFAIL:
      return 'SERVFAIL';
    case RCode.REFUSED:
      return 'REFUSED';
    default:
      return 'OTHER';
  }
}

/** Is `m` the answer to `q`? RFC 1035 §7.3: match ID and question; our ID is always 0 (RFC 8484 §4.1). */
function mismatch(m: DnsMessage, q: DohQuery): string | undefined {
  if (!m.flags.qr) return 'the message is a query, not a response';
  if (m.id !== 0) return `response ID ${m.id}, query ID 0`;
  if (m.flags.opcode !== 0) return `response opcode ${m.flags.opcode}, query opcode 0`;
  // Servers may leave the question out of error responses (FORMERR, NOTIMP, REFUSED ...).
  if (m.questions.length === 0)
    return m.flags.rcode === RCode.NOERROR ? 'NOERROR response without a question' : undefined;
  const [question] = m.questions;
  if (m.questions.length !== 1 || !question) return `${m.questions.length} questions in the response, 1 asked`;
  if (!namesEqual(question.name, q.name) || question.type !== q.type || question.class !== CLASS_IN) {
    return `response is for "${question.name}" type ${question.type} class ${question.class}, asked "${q.name}" type ${q.type}`;
  }
  return undefined;
}

export function interpret(m: DnsMessage, q: DohQuery, ageSeconds: number): Result<DohResponse, DohError> {
  const wrong = mismatch(m, q);
  if (wrong) return err('mismatch', wrong);
  // RFC 1035 §4.1.1 / RFC 7766: a truncated answer is incomplete; over HTTP there is no TCP retry to make.
  if (m.flags.tc) return err('truncated', 'the resolver truncated the response (TC bit)');

  const inClass = m.answers.filter((r) => r.class === CLASS_IN);
  const cnames: string[] = [];
  const used: DnsRecord[] = [];
  let owner = q.name;
  if (q.type !== RRType.CNAME) {
    for (;;) {
      const cname = inClass.find((r) => r.data.kind === 'CNAME' && namesEqual(r.name, owner));
      if (!cname || cname.data.kind !== 'CNAME') break;
      const target = cname.data.target;
      if (namesEqual(target, q.name) || cnames.some((c) => namesEqual(c, target))) {
        return err('malformed', `CNAME loop at "${owner}" → "${target}"`);
      }
      if (cnames.length === MAX_CNAME_CHAIN) return err('malformed', `CNAME chain longer than ${MAX_CNAME_CHAIN}`);
      cnames.push(target);
      used.push(cname);
      owner = target;
    }
  }
  const records = inClass.filter((r) => r.type === q.type && namesEqual(r.name, owner));
  const status = statusOf(m.flags.rcode, records.length > 0);

  let ttl: number;
  if (status === 'NOERROR') {
    ttl = Math.min(MAX_TTL, ...[...records, ...used].map((r) => r.ttl));
  } else if (status === 'NODATA' || status === 'NXDOMAIN') {
    // RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM); CNAMEs that led to it count too.
    const soa = m.authorities.find((r) => r.data.kind === 'SOA');
    const negative = soa?.data.kind === 'SOA' ? Math.min(soa.ttl, soa.data.minimum) : NEGATIVE_TTL_FALLBACK;
    ttl = Math.min(MAX_NEGATIVE_TTL, negative, ...used.map((r) => r.ttl));
  } else {
    // Failures carry no TTL; how long to remember them (RFC 9520 §3.2) is the caller's policy.
    ttl = 0;
  }

  return ok({
    status,
    rcode: m.flags.rcode,
    authenticData: m.flags.ad,
    records,
    cnames,
    answers: m.answers,
    ttl,
    ageSeconds,
  });
}
