// The DNS world: BIND (authoritative, signed zones, own DoH) + unbound (validating resolver, DoH) +
// a hanging and a hostile DoH server, all on 127.0.0.1 at free ports, in a fresh folder under <repo>/.world/.
// Zones and test names: test/world/zones/README.md.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsRecords, SIGNED_ZONES, startBind, waitBindSigned, type Bind } from './bind.ts';
import { makeCert } from './certs.ts';
import { startHanging, type Hanging } from './hanging.ts';
import { startHostile, type Hostile } from './hostile.ts';
import { freePorts } from './ports.ts';
import { readQueryLog, type QueryLogFiles } from './query-log.ts';
import { killWorldSync, reapStaleWorlds, stopDaemon, tail, type Daemon } from './process.ts';
import { startUnbound, waitUnboundReady, type Unbound } from './unbound.ts';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
export const WORLDS_DIR = join(REPO_ROOT, '.world');

/** Everything about a running world that survives structured cloning (vitest provide/inject, JSON). */
export interface WorldInfo {
  dir: string;
  /** https://127.0.0.1:<port>/dns-query: unbound, validating, DoH over TLS (HTTP/2 only). */
  unboundDoh: string;
  /** https://127.0.0.1:<port>/dns-query: BIND authoritative's own DoH over TLS (HTTP/2 only, never AD). */
  bindDoh: string;
  unboundDns: { host: string; port: number };
  bindDns: { host: string; port: number };
  /** https://127.0.0.1:<port>/dns-query: completes TLS, never answers. */
  hangingDoh: string;
  /** https://127.0.0.1:<port>/dns-query: crafts hostile answers per number (./hostile.ts, README "Hostile zones"). */
  hostileDoh: string;
  /** Self-signed cert (CN/SAN localhost, IP 127.0.0.1) of all three DoH endpoints, PEM. */
  certFile: string;
  /** base64 SHA-256 of the cert's SPKI, for Chromium --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Log files read by readQueryLog() (test/world/query-log.ts). */
  logFiles: QueryLogFiles;
}

export interface World extends WorldInfo {
  /** Names queried by clients so far (see query-log.ts). */
  queryLog(): Promise<string[]>;
  stop(): Promise<void>;
  /** The serializable part, for provide()/JSON. */
  info(): WorldInfo;
}

const doh = (port: number) => `https://127.0.0.1:${port}/dns-query`;

async function startDaemons(
  dir: string,
  cert: { certFile: string; keyFile: string },
  daemons: Daemon[],
): Promise<{ bind: Bind; unbound: Unbound; ports: number[] }> {
  const ports = await freePorts(4);
  const [bindDns, bindDoh, unboundDns, unboundDoh] = ports as [number, number, number, number];
  const bind = startBind({ dir, dnsPort: bindDns, dohPort: bindDoh, ...cert });
  daemons.push(bind.daemon);
  try {
    await waitBindSigned(bind, bindDns);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await tail(join(dir, 'named.out'))}\n${await tail(bind.logFile)}`);
  }
  const ds = new Map(await Promise.all(SIGNED_ZONES.map(async (z) => [z, await dsRecords(z, bindDns)] as const)));
  const unbound = startUnbound({ dir, dnsPort: unboundDns, dohPort: unboundDoh, bindPort: bindDns, ...cert, ds });
  daemons.push(unbound.daemon);
  try {
    await waitUnboundReady(unbound, unboundDns, unboundDoh);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await tail(join(dir, 'unbound.out'))}\n${await tail(unbound.logFile)}`);
  }
  return { bind, unbound, ports };
}

export async function startWorld(_opts: { demo?: boolean } = {}): Promise<World> {
  // Demo numbers are always in the zones (zones/README.md), so `demo` changes nothing.
  mkdirSync(WORLDS_DIR, { recursive: true });
  reapStaleWorlds(WORLDS_DIR);
  const dir = mkdtempSync(join(WORLDS_DIR, 'w-'));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const daemons: Daemon[] = [];
  let hanging: Hanging | undefined;
  let hostile: Hostile | undefined;
  const onExit = () => killWorldSync(dir, daemons);
  const onSignal = (sig: NodeJS.Signals) => {
    // Someone else handles the signal (vitest, cli.ts): they stop or exit, and onExit is the backstop.
    if (process.listenerCount(sig) > 1) return;
    // Otherwise keep the default behaviour: clean up, then die of the same signal.
    onExit();
    process.removeListener(sig, onSignal);
    process.kill(process.pid, sig);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await hanging?.close();
    await hostile?.close();
    await Promise.all(daemons.map(stopDaemon));
    killWorldSync(dir, daemons);
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };

  try {
    const cert = await makeCert(dir);
    let started: Awaited<ReturnType<typeof startDaemons>> | undefined;
    for (let attempt = 1; !started; attempt++) {
      try {
        started = await startDaemons(join(dir, `a${attempt}`), cert, daemons);
      } catch (e) {
        // Most likely a port taken between probe and bind by another process: retry on new ports.
        await Promise.all(daemons.splice(0).map(stopDaemon));
        if (attempt >= 3) throw e;
      }
    }
    hanging = await startHanging(cert.certFile, cert.keyFile);
    hostile = await startHostile(cert.certFile, cert.keyFile);
    const [bindDns, bindDoh, unboundDns, unboundDoh] = started.ports as [number, number, number, number];
    const info: WorldInfo = {
      dir,
      unboundDoh: doh(unboundDoh),
      bindDoh: doh(bindDoh),
      unboundDns: { host: '127.0.0.1', port: unboundDns },
      bindDns: { host: '127.0.0.1', port: bindDns },
      hangingDoh: doh(hanging.port),
      hostileDoh: hostile.url,
      certFile: cert.certFile,
      spki: cert.spki,
      logFiles: { unbound: started.unbound.logFile, bind: started.bind.queryLogFile },
    };
    return { ...info, info: () => ({ ...info }), queryLog: () => readQueryLog(info), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
