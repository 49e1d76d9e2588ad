// Kamailio 5.6 (Debian) as the presence server of the test world: SIP over WebSocket (RFC 7118) and over
// secure WebSocket on 127.0.0.1 at free ports, its own generated config (kamailio-config.ts), a fresh folder
// under <repo>/.world/, run in the foreground. Not part of the shared global setup: a test starts it itself
// (about 0.1–0.3 s) — `const sip = await startKamailio(); … await sip.stop();`.
// Kamailio forks children; it is started through `setpriv --pdeathsig SIGTERM` so that it stops even when
// the Node process dies without cleaning up, and a later start reaps folders whose owner is gone.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { makeCert } from './certs.ts';
import { writeKamailioConfig, type KamailioConfigOpts } from './kamailio-config.ts';
import { freePorts } from './ports.ts';
import { startDaemon, stopDaemon, tail, waitFor, type Daemon } from './process.ts';
import { WORLDS_DIR } from './world.ts';

export interface KamailioOpts {
  /** SIP domain served; default example.test (a zone of the DNS world). */
  domain?: string;
  /** user → password for digest auth; `{}` turns authentication off. Default: alice, bob, carol. */
  users?: Record<string, string>;
  /** Presence authorization rules per presentity (see KamailioConfigOpts.rules); default: all active. */
  rules?: KamailioConfigOpts['rules'];
}

export interface Kamailio {
  /** ws://127.0.0.1:<port> */
  ws: string;
  /** wss://127.0.0.1:<port>, self-signed (CN/SAN localhost, IP 127.0.0.1): trust `certFile`. */
  wss: string;
  certFile: string;
  domain: string;
  users: Record<string, string>;
  /** sip:<user>@<domain> */
  aor(user: string): string;
  /** Kamailio's own log so far (stderr): its last `lines` lines (400 unless told; Infinity for all of it). */
  log(lines?: number): Promise<string>;
  /** Stop and start again on the same ports, with no state (subscriptions and publications are in memory). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_SIP_USERS: Readonly<Record<string, string>> = {
  alice: 'alice-pw',
  bob: 'bob-pw',
  carol: 'carol-pw',
};

const PID_FILE = 'kamailio.pid';

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Kill Kamailios of folders whose owning Node process is gone, and remove those folders. */
function reapStaleKamailios(): void {
  if (!existsSync(WORLDS_DIR)) return;
  for (const name of readdirSync(WORLDS_DIR).filter((n) => n.startsWith('kamailio-'))) {
    const dir = join(WORLDS_DIR, name);
    const read = (f: string) => Number.parseInt(readFileSync(join(dir, f), 'utf8'), 10);
    let owner = NaN;
    try {
      owner = read('owner.pid');
    } catch {
      continue;
    } // being created right now
    try {
      process.kill(owner, 0);
      continue;
    } catch {
      /* owner gone */
    }
    try {
      const pid = read(PID_FILE);
      if (pid > 1 && comm(pid) === 'kamailio') process.kill(pid, 'SIGKILL');
    } catch {
      /* never started or already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A SIP OPTIONS over WebSocket (RFC 7118) answered 200: the listener and the SIP stack behind it are up. */
export function sipOptionsOk(url: string, ca?: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'sip', { ca, handshakeTimeout: 1000 });
    const done = (v: true | undefined) => {
      ws.terminate();
      resolve(v);
    };
    const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
    ws.on('open', () =>
      ws.send(
        [
          'OPTIONS sip:127.0.0.1 SIP/2.0',
          `Via: SIP/2.0/${url.startsWith('wss') ? 'WSS' : 'WS'} probe.invalid;branch=${branch}`,
          'Max-Forwards: 70',
          'From: <sip:probe@probe.invalid>;tag=probe',
          'To: <sip:127.0.0.1>',
          `Call-ID: ${branch}`,
          'CSeq: 1 OPTIONS',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      ),
    );
    ws.on('message', (data) => done(/^SIP\/2\.0 200 /.test(String(data)) ? true : undefined));
    ws.on('error', () => done(undefined));
    setTimeout(() => done(undefined), 2000).unref();
  });
}

export async function startKamailio(opts: KamailioOpts = {}): Promise<Kamailio> {
  mkdirSync(WORLDS_DIR, { recursive: true });
  reapStaleKamailios();
  const dir = mkdtempSync(join(WORLDS_DIR, 'kamailio-'));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const domain = opts.domain ?? 'example.test';
  const users = { ...(opts.users ?? DEFAULT_SIP_USERS) };
  const cert = await makeCert(dir);
  const [wsPort, wssPort] = (await freePorts(2)) as [number, number];
  const cfg = writeKamailioConfig({
    dir,
    wsPort,
    wssPort,
    domain,
    users,
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...cert,
  });
  const ws = `ws://127.0.0.1:${wsPort}`;
  const wss = `wss://127.0.0.1:${wssPort}`;
  const ca = readFileSync(cert.certFile, 'utf8');
  let daemon: Daemon | undefined;
  const onExit = () => {
    try {
      process.kill(Number.parseInt(readFileSync(join(dir, PID_FILE), 'utf8'), 10), 'SIGKILL');
    } catch {
      /* gone */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const start = async () => {
    const args = [
      '--pdeathsig',
      'SIGTERM',
      'kamailio',
      '-f',
      cfg,
      '-DD',
      '-E',
      '-Y',
      dir,
      '-P',
      join(dir, PID_FILE),
      '-m',
      '64',
      '-M',
      '8',
    ];
    daemon = startDaemon('kamailio', dir, 'setpriv', args, join(dir, PID_FILE));
    const d = daemon;
    try {
      await waitFor('Kamailio to answer OPTIONS over WS', () => sipOptionsOk(ws), 10_000, d.exited);
      await waitFor('Kamailio to answer OPTIONS over WSS', () => sipOptionsOk(wss, ca), 10_000, d.exited);
    } catch (e) {
      await stopDaemon(d);
      throw new Error(`${(e as Error).message}\n${await tail(join(dir, 'kamailio.out'), 40)}`);
    }
  };
  const stopOnly = async () => {
    if (daemon) await stopDaemon(daemon);
    daemon = undefined;
  };
  try {
    await start();
  } catch (e) {
    process.removeListener('exit', onExit);
    onExit();
    throw e;
  }
  return {
    ws,
    wss,
    certFile: cert.certFile,
    domain,
    users,
    aor: (user) => `sip:${user}@${domain}`,
    log: (lines = 400) => tail(join(dir, 'kamailio.out'), lines),
    restart: async () => {
      await stopOnly();
      await start();
    },
    stop: async () => {
      await stopOnly();
      process.removeListener('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
