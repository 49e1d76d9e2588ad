// Command-line arguments of `enum-presence` (a public contract: README "CLI").
import { parseArgs } from 'node:util';
import {
  DEFAULT_DOH_URL,
  DEFAULT_TIMEOUT_MS,
  isDohMethod,
  validateDohUrl,
  type DohMethod,
} from '../core/doh/provider.ts';
import { DEFAULT_SUFFIX } from '../core/enum/domain.ts';
import { normaliseSuffix } from '../core/enum/e164.ts';
import {
  defaultSipUsername,
  validateSipAddress,
  validateSipServer,
  validateSipUsername,
} from '../core/presence/account.ts';
import { err, ok, type CoreError, type Result } from '../core/result.ts';

/** The environment variable the SIP password is read from (never a flag: flags show up in `ps`). */
export const SIP_PASSWORD_ENV = 'ENUM_PRESENCE_SIP_PASSWORD';

export const USAGE = `Usage: enum-presence lookup <number> [--region CC] [--doh URL] [--method get|post|json]
                            [--suffix DOMAIN]... [--resolve-pres] [--timeout MS] [--json]
                            [--presence --sip-server URL --sip-address URI [--sip-username U]]

Looks a phone number up in ENUM (RFC 6116) over DNS-over-HTTPS and prints the URIs published for it.
  <number>        international (+44 20 7946 0148) or national with --region (020 7946 0148)
  --region CC     region for national numbers, e.g. GB
  --doh URL       DoH server (default ${DEFAULT_DOH_URL})
  --method M      get (default), post, or json (application/dns-json API)
  --suffix D      ENUM suffix, repeatable, tried in order (default ${DEFAULT_SUFFIX})
  --resolve-pres  resolve pres: URIs through SRV (RFC 3861)
  --timeout MS    per-query timeout (default ${DEFAULT_TIMEOUT_MS})
  --json          print one JSON object
  --presence      subscribe to each presence URI found (SIP, RFC 3856) and print its live state, after
                  the first NOTIFY or --timeout; the password comes from ${SIP_PASSWORD_ENV}
  --sip-server U  your SIP WebSocket server, wss://… (ws:// only for 127.0.0.1, localhost, ::1)
  --sip-address A your SIP address, sip:user@domain
  --sip-username  the username to authenticate with (default: the user part of --sip-address)
Exit status: 0 lookup completed (found or not), 2 bad input or usage, 3 resolver unreachable or unusable
(or the output could not be written).
Extra CAs (e.g. a test resolver's certificate) are trusted through NODE_EXTRA_CA_CERTS.`;

export interface LookupArgs {
  number: string;
  region: string;
  doh: string;
  method: DohMethod;
  suffixes: string[];
  resolvePres: boolean;
  timeoutMs: number;
  json: boolean;
  /** Present with --presence: the SIP account to subscribe with. */
  sip?: { server: string; address: string; username: string; password: string };
}

export type Command = { command: 'help' } | { command: 'lookup'; args: LookupArgs };
/** Bad usage: the message goes to stderr with the usage text, exit status 2. */
export type ParsedArgs = Result<Command, CoreError<'usage'>>;

const usage = (message: string) => err('usage', message);

/** `env`: where the SIP password is read from (process.env in main). */
export function parseCli(argv: string[], env: Record<string, string | undefined> = {}): ParsedArgs {
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
        presence: { type: 'boolean' },
        'sip-server': { type: 'string' },
        'sip-address': { type: 'string' },
        'sip-username': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return ok({ command: 'help' });
  const [command, ...rest] = positionals;
  if (command !== 'lookup') return usage(command ? `Unknown command "${command}".` : 'No command given.');
  // A number may be given as several words: `lookup +44 20 7946 0148`.
  const number = rest.join(' ');
  if (!number) return usage('No number given.');
  const method = (values.method ?? 'get').toLowerCase();
  if (!isDohMethod(method)) return usage(`--method must be get, post or json, not "${values.method}".`);
  // The same provider-URL rule as the extension's settings (RFC 8484 §3: https only).
  const doh = validateDohUrl(values.doh ?? DEFAULT_DOH_URL);
  if (!doh.ok) return usage(`--doh: ${doh.error.message}`);
  const timeoutMs = parseTimeout(values.timeout);
  if (timeoutMs === undefined) return usage('--timeout must be a whole number of milliseconds between 1 and 120000.');
  const suffixes: string[] = [];
  for (const s of values.suffix ?? [DEFAULT_SUFFIX]) {
    const n = normaliseSuffix(s);
    if (!n.ok) return usage(n.error.message);
    suffixes.push(n.value);
  }
  const sip = parseSip(values, env);
  if (!sip.ok) return sip;
  const args = {
    ...(sip.value ? { sip: sip.value } : {}),
    number,
    region: values.region ?? '',
    doh: doh.value,
    method,
    suffixes,
    resolvePres: Boolean(values['resolve-pres']),
    timeoutMs,
    json: Boolean(values.json),
  };
  return ok({ command: 'lookup', args });
}

/** Decimal digits only, as the message says (Number() would also take 0x10, 1e3, " 100"); 1 to 120000 ms. */
function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const ms = Number(value);
  return ms >= 1 && ms <= 120_000 ? ms : undefined;
}

type SipFlags = { presence?: boolean; 'sip-server'?: string; 'sip-address'?: string; 'sip-username'?: string };

function parseSip(
  values: SipFlags,
  env: Record<string, string | undefined>,
): Result<LookupArgs['sip'], CoreError<'usage'>> {
  const given = ['sip-server', 'sip-address', 'sip-username'].filter((k) => values[k as keyof SipFlags] !== undefined);
  if (!values.presence) return given.length ? usage(`--${given[0]} needs --presence.`) : ok(undefined);
  if (values['sip-server'] === undefined)
    return usage('--presence needs --sip-server (your SIP WebSocket server, wss://…).');
  if (values['sip-address'] === undefined)
    return usage('--presence needs --sip-address (your SIP address, sip:user@domain).');
  const server = validateSipServer(values['sip-server']);
  if (!server.ok) return usage(`--sip-server: ${server.error.message}`);
  const address = validateSipAddress(values['sip-address']);
  if (!address.ok) return usage(`--sip-address: ${address.error.message}`);
  const username = validateSipUsername(values['sip-username'] ?? defaultSipUsername(address.value));
  if (!username.ok) return usage(`--sip-username: ${username.error.message}`);
  const password = env[SIP_PASSWORD_ENV];
  if (!password) return usage(`--presence needs the SIP password in the environment variable ${SIP_PASSWORD_ENV}.`);
  return ok({ server: server.value, address: address.value, username: username.value, password });
}
