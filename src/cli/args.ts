// Command-line arguments of `enum-presence` (a public contract: README "CLI").
import { parseArgs } from 'node:util';
import type { DohMethod } from '../core/doh/types.ts';
import { normaliseSuffix } from '../core/enum/e164.ts';

export const USAGE = `Usage: enum-presence lookup <number> [--region CC] [--doh URL] [--method get|post|json]
                            [--suffix DOMAIN]... [--resolve-pres] [--timeout MS] [--json]

Looks a phone number up in ENUM (RFC 6116) over DNS-over-HTTPS and prints the URIs published for it.
  <number>        international (+44 20 7946 0148) or national with --region (020 7946 0148)
  --region CC     region for national numbers, e.g. GB
  --doh URL       DoH server (default https://cloudflare-dns.com/dns-query)
  --method M      get (default), post, or json (application/dns-json API)
  --suffix D      ENUM suffix, repeatable, tried in order (default e164.arpa)
  --resolve-pres  resolve pres: URIs through SRV (RFC 3861)
  --timeout MS    per-query timeout (default 5000)
  --json          print one JSON object
Exit status: 0 lookup completed (found or not), 2 bad input or usage, 3 resolver unreachable or unusable.
Extra CAs (e.g. a test resolver's certificate) are trusted through NODE_EXTRA_CA_CERTS.`;

export const DEFAULT_DOH = 'https://cloudflare-dns.com/dns-query';

export interface LookupArgs {
  number: string;
  region: string;
  doh: string;
  method: DohMethod;
  suffixes: string[];
  resolvePres: boolean;
  timeoutMs: number;
  json: boolean;
}

export type ParsedArgs = { ok: true; command: 'help' } | { ok: true; command: 'lookup'; args: LookupArgs } | { ok: false; message: string };

export function parseCli(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        region: { type: 'string' },
        doh: { type: 'string' },
        method: { type: 'string' },
        suffix: { type: 'string', multiple: true },
        'resolve-pres': { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { ok: true, command: 'help' };
  const [command, ...rest] = positionals;
  if (command !== 'lookup') return { ok: false, message: command ? `Unknown command "${command}".` : 'No command given.' };
  // A number may be given as several words: `lookup +44 20 7946 0148`.
  const number = rest.join(' ');
  if (!number) return { ok: false, message: 'No number given.' };
  const method = (values.method ?? 'get').toLowerCase();
  if (method !== 'get' && method !== 'post' && method !== 'json') return { ok: false, message: `--method must be get, post or json, not "${values.method}".` };
  const doh = values.doh ?? DEFAULT_DOH;
  let url: URL;
  try {
    url = new URL(doh);
  } catch {
    return { ok: false, message: `--doh "${doh}" is not a URL.` };
  }
  // RFC 8484 §3: DoH is https; plain http would send the numbers' names in clear.
  if (url.protocol !== 'https:') return { ok: false, message: `--doh must be an https:// URL, not "${doh}".` };
  // Checked here, not only by the DoH client, so that it is bad input (exit 2) with no query sent.
  if (url.username || url.password) return { ok: false, message: '--doh must not contain a user name or password.' };
  const timeoutMs = values.timeout === undefined ? 5000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 120_000) return { ok: false, message: '--timeout must be a whole number of milliseconds between 1 and 120000.' };
  const suffixes: string[] = [];
  for (const s of values.suffix ?? ['e164.arpa']) {
    const n = normaliseSuffix(s);
    if (!n.ok) return { ok: false, message: n.error.message };
    suffixes.push(n.value);
  }
  return {
    ok: true,
    command: 'lookup',
    args: { number, region: values.region ?? '', doh: url.href, method, suffixes, resolvePres: Boolean(values['resolve-pres']), timeoutMs, json: Boolean(values.json) },
  };
}
