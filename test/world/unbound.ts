// unbound 1.17 as the validating resolver of the world: plain DNS + DoH over TLS (HTTP/2), stub zones
// pointing at BIND, trust anchors derived from BIND's keys at start (broken.test's deliberately wrong).
import { writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { ALL_ZONES, PROBE_LABEL, SIGNED_ZONES } from './bind.ts';
import { unboundLocalData } from './malformed.ts';
import { probe, T, tcpOpen } from './dns-probe.ts';
import { startDaemon, waitFor, type Daemon } from './process.ts';

export interface UnboundOpts {
  dir: string;
  dnsPort: number;
  dohPort: number;
  bindPort: number;
  certFile: string;
  keyFile: string;
  /** DS lines per signed zone (from dsRecords()). */
  ds: Map<string, string[]>;
}
export interface Unbound {
  daemon: Daemon;
  logFile: string;
}

/** Flip the last digest digit: unbound then finds no DNSKEY matching the DS and marks the zone bogus. */
export function corruptDs(line: string): string {
  const last = line.trimEnd().slice(-1);
  return line.trimEnd().slice(0, -1) + (last === '0' ? '1' : '0');
}

export function startUnbound(o: UnboundOpts): Unbound {
  const anchors = SIGNED_ZONES.flatMap((z) => (o.ds.get(z) ?? []).map((l) => (z === 'broken.test' ? corruptDs(l) : l)));
  const anchorFile = join(o.dir, 'trust-anchors.ds');
  writeFileSync(anchorFile, anchors.join('\n') + '\n');
  const logFile = join(o.dir, 'unbound.log');
  const conf = `server:
    interface: 127.0.0.1@${o.dnsPort}
    interface: 127.0.0.1@${o.dohPort}
    port: ${o.dnsPort}
    https-port: ${o.dohPort}
    http-endpoint: "/dns-query"
    tls-service-key: "${o.keyFile}"
    tls-service-pem: "${o.certFile}"
    do-ip4: yes
    do-ip6: no
    so-reuseport: no
    num-threads: 1
    access-control: 127.0.0.0/8 allow
    username: ""
    chroot: ""
    directory: "${o.dir}"
    pidfile: "${join(o.dir, 'unbound.pid')}"
    use-syslog: no
    logfile: "${logFile}"
    log-queries: yes
    verbosity: 1
    val-log-level: 2
    do-not-query-localhost: no
    qname-minimisation: no
    module-config: "validator iterator"
    trust-anchor-file: "${anchorFile}"
    local-zone: "test." nodefault
${unboundLocalData()
  .map((l) => `    ${l}`)
  .join('\n')}
remote-control:
    control-enable: no
${ALL_ZONES.map((z) => `stub-zone:\n    name: "${z}"\n    stub-addr: 127.0.0.1@${o.bindPort}`).join('\n')}
`;
  const confFile = join(o.dir, 'unbound.conf');
  writeFileSync(confFile, conf);
  const daemon = startDaemon('unbound', o.dir, 'unbound', ['-d', '-c', confFile], join(o.dir, 'unbound.pid'));
  return { daemon, logFile };
}

function tlsReady(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ALPNProtocols: ['h2'] }, () => {
      const ok = s.alpnProtocol === 'h2';
      s.destroy();
      resolve(ok ? true : undefined);
    });
    s.on('error', () => resolve(undefined));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(undefined);
    });
  });
}

/** Wait until unbound validates the trusted zones (AD) and its DoH port speaks TLS with ALPN h2. */
export async function waitUnboundReady(
  u: Unbound,
  dnsPort: number,
  dohPort: number,
  timeoutMs = 10_000,
): Promise<void> {
  const trusted = SIGNED_ZONES.filter((z) => z !== 'broken.test');
  await waitFor('unbound to listen', () => tcpOpen(dnsPort), timeoutMs, u.daemon.exited);
  await waitFor(
    'unbound to validate the world zones',
    async () => {
      const answers = await Promise.all(trusted.map((z) => probe(dnsPort, `${PROBE_LABEL}.${z}`, T.TXT, { rd: true })));
      return answers.every((a) => a.ad && a.rcode === 0 && a.answers.length > 0) ? true : undefined;
    },
    timeoutMs,
    u.daemon.exited,
  );
  await waitFor('unbound DoH port', () => tlsReady(dohPort), timeoutMs, u.daemon.exited);
}
