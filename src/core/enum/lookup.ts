// ENUM lookup: E.164 number → NAPTRs under each suffix → URIs.
//   1. Each configured suffix in order (RFC 6116 §3.2 domain); move on only when the name does not exist
//      (NXDOMAIN) or holds no NAPTR (NODATA). Any other failure ends the lookup with status "error". The RFCs
//      name one apex (e164.arpa) and no rule for a list of suffixes: this one is the project's (README "The CLI");
//      either way no NAPTR set was found there for the number.
//   2. The NAPTR set is processed per RFC 6116 §5 / RFC 3402 (src/core/naptr), non-terminal records
//      fetching further sets through the same resolver.
//   3. The result carries every usable URI, the pres URIs, every rejected record with its reason, the TTL to
//      cache it for, and `dnssec` (true only when every response used had AD).
import { RRType } from '../dns/types.ts';
import type { NaptrData } from '../dns/types.ts';
import { processNaptrSet } from '../naptr/index.ts';
import { isPresenceService } from '../naptr/services.ts';
import type { CoreError, Result } from '../result.ts';
import { DEFAULT_SUFFIX, e164ToEnumDomain } from './domain.ts';
import { AnswerSummary, query, statusError, type ResolverConfig } from './query.ts';
import type { LookupResult } from './types.ts';

export interface LookupConfig extends ResolverConfig {
  suffixes: string[];
  now: () => number;
}

export async function lookupE164(e164: string, config: LookupConfig): Promise<LookupResult> {
  const usage = new AnswerSummary();
  const fetchedAt = config.now();
  const base = { e164, dnssec: false, uris: [], pres: [], rejected: [], fetchedAt };
  const firstDomain = e164ToEnumDomain(e164, config.suffixes[0] ?? DEFAULT_SUFFIX);

  for (const suffix of config.suffixes) {
    const domain = e164ToEnumDomain(e164, suffix);
    const r = await query(config, domain, RRType.NAPTR);
    if (!r.ok) return { ...base, domain, status: 'error', ttl: 0, error: r.error };
    const answer = r.value;
    if (answer.status === 'NXDOMAIN' || answer.status === 'NODATA') {
      usage.use(answer);
      continue; // next suffix only when the name is absent or has no NAPTR (README "The CLI")
    }
    if (answer.status !== 'NOERROR')
      return { ...base, domain, status: 'error', ttl: 0, error: statusError(domain, answer) };
    usage.use(answer);

    const fetchNaptr = async (name: string): Promise<Result<NaptrData[], CoreError>> => {
      const next = await query(config, name, RRType.NAPTR);
      if (!next.ok) return next;
      if (next.value.status === 'NOERROR') {
        usage.use(next.value);
        return { ok: true, value: naptrs(next.value.records) };
      }
      if (next.value.status === 'NXDOMAIN' || next.value.status === 'NODATA') {
        usage.use(next.value);
        return {
          ok: false,
          error: { code: 'no-naptr', message: `${name} holds no NAPTR records (${next.value.status}).` },
        };
      }
      return { ok: false, error: statusError(name, next.value) };
    };

    const { uris, rejected, rejectedOmitted } = await processNaptrSet(naptrs(answer.records), e164, fetchNaptr, {
      domain,
    });
    const pres = uris.filter((u) => u.enumservices.some(isPresenceService)).map((u) => u.uri);
    const omitted = rejectedOmitted > 0 ? { rejectedOmitted } : {};
    return {
      ...base,
      domain,
      status: 'found',
      dnssec: usage.authenticated,
      uris,
      pres,
      rejected,
      ...omitted,
      ttl: usage.finiteTtl,
    };
  }
  return {
    ...base,
    domain: firstDomain,
    status: 'not-found',
    dnssec: usage.used > 0 && usage.authenticated,
    ttl: usage.finiteTtl,
  };
}

function naptrs(records: { data: { kind: string } }[]): NaptrData[] {
  return records.map((r) => r.data).filter((d): d is NaptrData => d.kind === 'NAPTR');
}
