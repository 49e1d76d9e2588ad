// One lookup's DNS queries: through the DoH client, identical queries in flight shared when the caller passes
// an InFlight, and an AnswerSummary keeping the two facts a result needs about every answer it used — the
// smallest remaining TTL and whether every response was DNSSEC-validated (AD).
import { dohQuery } from '../doh/index.ts';
import type { DohMethod, DohResponse, FetchLike } from '../doh/types.ts';
import type { CoreError, Result } from '../result.ts';
import type { InFlight } from '../async.ts';
import { printable } from '../printable.ts';

export interface ResolverConfig {
  dohUrl: string;
  method: DohMethod;
  timeoutMs: number;
  fetch: FetchLike;
  /** Shared across lookups so concurrent lookups of one name send one query (EnumClient owns one). */
  inflight?: InFlight<Result<DohResponse, CoreError>>;
  /** Queries are shared in flight only within one partition (client.ts LookupSettings.partition). */
  partition?: string;
}

/** What a result needs to know about every DNS answer it used. */
export class AnswerSummary {
  /** Smallest TTL (seconds) minus HTTP Age over every response used. */
  ttl = Number.POSITIVE_INFINITY;
  /** True until a response without AD is used. */
  authenticated = true;
  used = 0;

  use(r: DohResponse): void {
    this.used++;
    this.ttl = Math.min(this.ttl, Math.max(0, r.ttl - r.ageSeconds));
    this.authenticated &&= r.authenticData;
  }

  get finiteTtl(): number {
    return Number.isFinite(this.ttl) ? this.ttl : 0;
  }
}

/**
 * One DNS query of a lookup. Its error message may quote zone or resolver text (a JSON answer's RDATA that does not
 * parse): it leaves here escaped by the one printable rule (core/printable.ts), as rejected reasons are, so no
 * result carries a raw control or bidi character (README "Hostile zones").
 */
export function query(config: ResolverConfig, name: string, type: number): Promise<Result<DohResponse, CoreError>> {
  const send = async (): Promise<Result<DohResponse, CoreError>> => {
    const r = await dohQuery(
      { url: config.dohUrl, method: config.method, name, type, timeoutMs: config.timeoutMs },
      config.fetch,
    );
    return r.ok ? r : { ok: false, error: { ...r.error, message: printable(r.error.message) } };
  };
  if (!config.inflight) return send();
  return config.inflight.run(
    `${config.partition ?? ''} ${config.method} ${config.dohUrl} ${type} ${name.toLowerCase()}`,
    send,
  );
}

export type StatusErrorCode = 'servfail' | 'refused' | 'dns-error';

/** A readable message for an answered-but-unusable status. */
export function statusError(name: string, r: Pick<DohResponse, 'status' | 'rcode'>): CoreError<StatusErrorCode> {
  const code = r.status === 'SERVFAIL' ? 'servfail' : r.status === 'REFUSED' ? 'refused' : 'dns-error';
  const hint = r.status === 'SERVFAIL' ? ' (the resolver failed, e.g. DNSSEC validation of a bogus answer)' : '';
  return { code, message: `The resolver answered ${r.status} (rcode ${r.rcode}) for ${name}${hint}.` };
}
