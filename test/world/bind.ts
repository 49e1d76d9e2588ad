// BIND 9.18 as the authoritative server of the world: plain DNS + its own DoH over TLS (HTTP/2),
// zones signed at start (dnssec-policy default + inline-signing), query log in a file.
import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crowdZoneRecords } from './crowd.ts';
import { dsFromDnskeys, probe, T, tcpOpen, type ProbeAnswer } from './dns-probe.ts';
import { run, startDaemon, waitFor, type Daemon } from './process.ts';

export const ZONES_DIR = new URL('./zones/', import.meta.url).pathname;
/** Zones BIND signs; unbound trusts all of them except broken.test (its anchor is corrupted). */
export const SIGNED_ZONES = ['e164.arpa', 'example.test', 'e164.test', 'broken.test'];
export const UNSIGNED_ZONES = ['unsigned.test'];
export const ALL_ZONES = [...SIGNED_ZONES, ...UNSIGNED_ZONES];
/** TXT record present in every zone, used for readiness checks (filtered out of the query log). */
export const PROBE_LABEL = 'world-probe';

export interface BindOpts {
  dir: string;
  dnsPort: number;
  dohPort: number;
  certFile: string;
  keyFile: string;
}
export interface Bind {
  daemon: Daemon;
  queryLogFile: string;
  logFile: string;
}

function config(o: BindOpts, zonesDir: string, keysDir: string, logFile: string, queryLogFile: string): string {
  const zone = (name: string, signed: boolean) => `zone "${name}" {
    type primary;
    file "${join(zonesDir, `${name}.zone`)}";${
      signed
        ? `
    dnssec-policy default;
    inline-signing yes;
    key-directory "${keysDir}";`
        : ''
    }
};`;
  return `tls world-tls { key-file "${o.keyFile}"; cert-file "${o.certFile}"; };
http world-doh { endpoints { "/dns-query"; }; };
options {
    directory "${join(o.dir, 'bind')}";
    pid-file "${join(o.dir, 'named.pid')}";
    lock-file none;
    session-keyfile "${join(o.dir, 'bind', 'session.key')}";
    managed-keys-directory "${join(o.dir, 'bind')}";
    listen-on port ${o.dnsPort} { 127.0.0.1; };
    listen-on port ${o.dohPort} tls world-tls http world-doh { 127.0.0.1; };
    listen-on-v6 { none; };
    reuseport no;
    recursion no;
    allow-query { any; };
    dnssec-validation no;
    notify no;
    querylog yes;
    sig-signing-nodes 1000;
    sig-signing-signatures 1000;
};
controls { };
logging {
    channel main { file "${logFile}"; severity info; print-time yes; print-severity yes; };
    channel queries { file "${queryLogFile}"; severity info; print-time yes; };
    category default { main; };
    category queries { queries; };
    category lame-servers { null; };
};
${SIGNED_ZONES.map((z) => zone(z, true)).join('\n')}
${UNSIGNED_ZONES.map((z) => zone(z, false)).join('\n')}
`;
}

export function startBind(o: BindOpts): Bind {
  const zonesDir = join(o.dir, 'zones');
  const keysDir = join(o.dir, 'keys');
  for (const d of [zonesDir, keysDir, join(o.dir, 'bind')]) mkdirSync(d, { recursive: true });
  for (const z of ALL_ZONES) copyFileSync(join(ZONES_DIR, `${z}.zone`), join(zonesDir, `${z}.zone`));
  // Generated records (zones/README.md "Generated: the crowd").
  appendFileSync(join(zonesDir, 'e164.arpa.zone'), crowdZoneRecords());
  const logFile = join(o.dir, 'bind.log');
  const queryLogFile = join(o.dir, 'bind-queries.log');
  const confFile = join(o.dir, 'named.conf');
  writeFileSync(confFile, config(o, zonesDir, keysDir, logFile, queryLogFile));
  const daemon = startDaemon(
    'named',
    o.dir,
    'named',
    ['-f', '-4', '-n', '2', '-c', confFile],
    join(o.dir, 'named.pid'),
  );
  return { daemon, queryLogFile, logFile };
}

/** Wait until BIND answers every zone and serves signatures for every signed zone. */
export async function waitBindSigned(b: Bind, dnsPort: number, timeoutMs = 10_000): Promise<void> {
  const signed = async (z: string) => {
    const [txt, keys, state] = await Promise.all([
      probe(dnsPort, `${PROBE_LABEL}.${z}`, T.TXT),
      probe(dnsPort, z, T.DNSKEY),
      probe(dnsPort, z, T.SIGNING_STATE),
    ]);
    const has = (a: ProbeAnswer, type: number, covered?: number) =>
      a.answers.some((r) => r.type === type && (covered === undefined || r.covered === covered));
    // BIND's private signing-state records (alg, key id, removal, complete): all keys fully signed.
    const states = state.answers.filter((r) => r.type === T.SIGNING_STATE);
    const complete = states.length > 0 && states.every((r) => r.rdata.length === 5 && r.rdata[4] === 1);
    return (
      complete && has(txt, T.TXT) && has(txt, T.RRSIG, T.TXT) && has(keys, T.DNSKEY) && has(keys, T.RRSIG, T.DNSKEY)
    );
  };
  const loaded = async (z: string) => (await probe(dnsPort, `${PROBE_LABEL}.${z}`, T.TXT)).answers.length > 0;
  await waitFor('BIND to listen', () => tcpOpen(dnsPort), timeoutMs, b.daemon.exited);
  await waitFor(
    'BIND to load and sign the zones',
    async () => {
      const ok = await Promise.all([...SIGNED_ZONES.map(signed), ...UNSIGNED_ZONES.map(loaded)]);
      return ok.every(Boolean) ? true : undefined;
    },
    timeoutMs,
    b.daemon.exited,
  );
}

/** DS records (SHA-256) of the zone's KSK/CSK, computed from the DNSKEYs BIND serves. */
export async function dsRecords(zone: string, dnsPort: number): Promise<string[]> {
  const keys = (await probe(dnsPort, zone, T.DNSKEY)).answers.filter((r) => r.type === T.DNSKEY).map((r) => r.rdata);
  const ds = dsFromDnskeys(zone, keys);
  if (ds.length === 0) throw new Error(`no KSK/CSK DNSKEY served for ${zone}`);
  return ds;
}

/** The same via dig + dnssec-dsfromkey (slower; the integration test cross-checks dsRecords with it). */
export async function dsRecordsViaTools(zone: string, dnsPort: number): Promise<string[]> {
  const keys = await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+norec', '+noall', '+answer', zone, 'DNSKEY']);
  const ds = await run('dnssec-dsfromkey', ['-2', '-f', '-', zone], { input: keys.stdout });
  const lines = ds.stdout.split('\n').filter((l) => /\sDS\s/.test(l));
  if (ds.code !== 0 || lines.length === 0)
    throw new Error(`dnssec-dsfromkey for ${zone} failed: ${ds.stderr}${keys.stdout}`);
  return lines;
}
