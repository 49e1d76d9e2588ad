// pres: URIs (RFC 3859 §3.2) and their resolution through SRV (RFC 3861 §3–4):
//   PRES-URI = "pres:" [ to ] [ headers ]   with `to` an RFC 2822 mailbox, e.g. pres:alice@example.com
//   pres:alice@example.com → SRV _pres._sip.example.com and _pres._xmpp.example.com (RFC 5509, RFC 3921 labels).
import { RRType, type SrvData } from '../dns/types.ts';
import { parseHostName } from '../dns/name.ts';
import { AnswerSummary, query, statusError, type ResolverConfig } from '../enum/query.ts';
import type { LookupResult, PresResolution, PresTarget } from '../enum/types.ts';
import { err, ok, type CoreError, type Result } from '../result.ts';

// RFC 2822 dot-atom local part (the common form; quoted local parts are refused rather than guessed at).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Registered presence SRV protocol labels (RFC 3861 §3; `_sip` RFC 5509, `_xmpp` RFC 3921). */
export const PRES_PROTOCOLS = ['sip', 'xmpp'] as const;

export function parsePresUri(uri: string): Result<{ user: string; domain: string }> {
  const m = /^pres:([^?]*)(\?.*)?$/i.exec(uri);
  if (!m) return err('bad-pres-uri', `"${uri}" is not a pres: URI (RFC 3859 §3.2).`);
  let to: string;
  try {
    to = decodeURIComponent(m[1] ?? '');
  } catch {
    return err('bad-pres-uri', `"${uri}" has a broken %-escape.`);
  }
  const at = to.lastIndexOf('@');
  const user = to.slice(0, at);
  const domain = parseHostName(to.slice(at + 1));
  if (at <= 0 || !LOCAL_PART.test(user) || !domain.ok) {
    return err('bad-pres-uri', `"${uri}" does not name a presentity as user@domain (RFC 3859 §3.2).`);
  }
  return ok({ user, domain: domain.value });
}

/** RFC 2782: a single SRV record with target "." means the service is decidedly not available there. */
function usableTargets(records: SrvData[]): PresTarget['targets'] {
  if (records.length === 1 && records[0]?.target === '') return [];
  return records
    .filter((r) => r.target !== '')
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
    .map(({ target, port, priority, weight }) => ({ target, port, priority, weight }));
}

/**
 * Resolve one pres: URI: the protocols (SIP, XMPP) whose SRV records exist, with their targets. Every answer it
 * uses (records, NXDOMAIN or NODATA) goes into `usage`, for the result's `dnssec` and `ttl`.
 */
export async function resolvePresUri(
  uri: string,
  config: ResolverConfig,
  usage = new AnswerSummary(),
): Promise<PresResolution> {
  const parsed = parsePresUri(uri);
  if (!parsed.ok) return { uri, user: '', domain: '', protocols: [], error: parsed.error };
  const { user, domain } = parsed.value;
  const protocols: PresTarget[] = [];
  let failure: CoreError | undefined;
  await Promise.all(
    PRES_PROTOCOLS.map(async (protocol) => {
      const srv = `_pres._${protocol}.${domain}`; // RFC 3861 §3: _Service._Proto.Name with Service "_pres"
      const r = await query(config, srv, RRType.SRV);
      if (!r.ok) {
        failure ??= r.error;
        return;
      }
      if (r.value.status !== 'NOERROR' && r.value.status !== 'NXDOMAIN' && r.value.status !== 'NODATA') {
        failure ??= statusError(srv, r.value);
        return;
      }
      usage.use(r.value);
      const targets = usableTargets(
        r.value.records.map((rec) => rec.data).filter((d): d is SrvData => d.kind === 'SRV'),
      );
      if (targets.length) protocols.push({ protocol, srv, targets });
    }),
  );
  protocols.sort((a, b) => PRES_PROTOCOLS.indexOf(a.protocol) - PRES_PROTOCOLS.indexOf(b.protocol));
  const result: PresResolution = { uri, user, domain, protocols };
  if (failure && protocols.length === 0) result.error = failure;
  return result;
}

/**
 * Resolve every pres: URI of a lookup result (other presence schemes — sip, xmpp, im — name their server).
 * `presResolution` is always set, `[]` when there is nothing to resolve (README "The CLI": with --resolve-pres).
 * The SRV answers are responses the result used, as the lookup's own (lookup.ts): `dnssec` stays true only if
 * they all had AD, and `ttl` becomes the smallest TTL of all, so the result is cached no longer than they are.
 */
export async function resolvePresOfResult(result: LookupResult, config: ResolverConfig): Promise<void> {
  const presUris = result.pres.filter((u) => /^pres:/i.test(u));
  const usage = new AnswerSummary();
  result.presResolution = await Promise.all(presUris.map((u) => resolvePresUri(u, config, usage)));
  if (usage.used === 0) return;
  result.dnssec &&= usage.authenticated;
  result.ttl = Math.min(result.ttl, usage.finiteTtl);
}
