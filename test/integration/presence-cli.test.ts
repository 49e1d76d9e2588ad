// `enum-presence lookup --presence` (README "CLI"): the built CLI looks a number up in the DNS world, resolves
// its pres: URI (RFC 3861 SRV over the same DoH path) and SUBSCRIBEs through Kamailio over WebSocket (RFC 7118)
// as bob, while a SIP.js publisher changes alice's presence. Real sockets, digest auth and NOTIFYs.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Publisher, UserAgent } from 'sip.js';
import { readQueryLog } from '../world/query-log.ts';
import { installWebSocket, presencePublisher, startUserAgent } from '../world/kamailio-client.ts';
import { startKamailio, type Kamailio } from '../world/kamailio.ts';

const run = promisify(execFile);
const world = inject('world');
const CLI = 'dist/cli/enum-presence.js';
// +43 1 2345678 publishes pres:alice@example.test; example.test has _pres._sip SRV (test/world/zones/README.md).
const ALICE_NUMBER = '+43 1 2345678';

let sip: Kamailio;
let alice: UserAgent;
let publisher: Publisher;
// NODE_EXTRA_CA_CERTS names one file: the DNS world's and Kamailio's self-signed certificates together.
let caDir: string;
let bothCas: string;

beforeAll(async () => {
  if (!existsSync(CLI)) await run('npx', ['vite', 'build', '--config', 'vite.cli.config.ts']);
  sip = await startKamailio();
  installWebSocket(sip.certFile);
  alice = await startUserAgent(sip.ws, sip.aor('alice'), sip.users.alice!);
  publisher = presencePublisher(alice);
  caDir = mkdtempSync(join(tmpdir(), 'enum-presence-ca-'));
  bothCas = join(caDir, 'ca.pem');
  writeFileSync(bothCas, readFileSync(world.certFile, 'utf8') + readFileSync(sip.certFile, 'utf8'));
}, 120_000);

afterAll(async () => {
  await alice?.stop().catch(() => undefined);
  await sip?.stop();
  if (caDir) rmSync(caDir, { recursive: true, force: true });
});

async function cli(
  password: string | undefined,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWithCa(world.certFile, password, ...args);
}

async function cliWithCa(
  ca: string,
  password: string | undefined,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: ca, LANG: 'de_AT.UTF-8' };
  delete env.ENUM_PRESENCE_SIP_PASSWORD;
  if (password !== undefined) env.ENUM_PRESENCE_SIP_PASSWORD = password;
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const lookupAs = (server: string, user: string, password: string | undefined, ...extra: string[]) =>
  cli(
    password,
    'lookup',
    ALICE_NUMBER,
    '--doh',
    world.unboundDoh,
    '--presence',
    '--sip-server',
    server,
    '--sip-address',
    `sip:${user}@example.test`,
    ...extra,
  );

const pidf = (basic: 'open' | 'closed', person = '') => `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@example.test">
  <tuple id="t1"><status><basic>${basic}</basic></status></tuple>${person}
</presence>`;

describe('enum-presence lookup --presence', () => {
  it("open + on-the-phone: busy in the JSON, with the activity and the note in the reader's language; then unsubscribes", async () => {
    await publisher.publish(
      pidf(
        'open',
        `<dm:person id="p"><rpid:activities><rpid:on-the-phone/></rpid:activities>
      <dm:note xml:lang="en">On the phone</dm:note><dm:note xml:lang="de">Am Telefon</dm:note></dm:person>`,
      ),
    );
    const r = await lookupAs(sip.ws, 'bob', sip.users.bob, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('found');
    expect(out.presence).toEqual([
      {
        uri: 'pres:alice@example.test',
        target: 'sip:alice@example.test',
        subscribed: true,
        state: 'busy',
        activities: ['on-the-phone'],
        note: 'Am Telefon',
        changedAt: expect.any(Number),
      },
    ]);
    // Before exiting it unsubscribed: a SUBSCRIBE with Expires: 0 (RFC 6665 §4.1.2.3) reached the server.
    expect(await sip.log()).toMatch(/REQ SUBSCRIBE \S+ from \S+ proto=ws expires=0\n/);
  });

  it('closed: offline, as a line of the readable table, over WSS', async () => {
    await publisher.publish(pidf('closed'));
    const r = await cliWithCa(
      bothCas,
      sip.users.bob,
      'lookup',
      ALICE_NUMBER,
      '--doh',
      world.unboundDoh,
      '--presence',
      '--sip-server',
      sip.wss,
      '--sip-address',
      'sip:bob@example.test',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^presence pres:alice@example\.test: offline since \d{4}-\d\d-\d\dT/m);
  });

  it('a WSS server whose certificate is not trusted: unknown, saying so', async () => {
    const r = await cli(
      sip.users.bob,
      'lookup',
      ALICE_NUMBER,
      '--doh',
      world.unboundDoh,
      '--presence',
      '--sip-server',
      sip.wss,
      '--sip-address',
      'sip:bob@example.test',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^presence pres:alice@example\.test: unknown: Could not connect to the SIP server wss:.*certificate/m,
    );
  });

  it('a wrong password: unknown with a clear error, exit status of the lookup (0)', async () => {
    const r = await lookupAs(sip.ws, 'bob', 'not-bobs-password', '--json');
    expect(r.code, r.stderr).toBe(0);
    const [entry] = JSON.parse(r.stdout).presence;
    expect(entry).toMatchObject({ subscribed: false, state: 'unknown', error: { code: 'sip-auth-failed' } });
    expect(entry.error.message).toMatch(/^407 /);
  });

  it('a presentity that blocks the watcher (RFC 5025 rules): blocked', async () => {
    const ruled = await startKamailio({ rules: { alice: { carol: 'block' } } });
    try {
      const r = await lookupAs(ruled.ws, 'carol', ruled.users.carol, '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).presence).toEqual([
        expect.objectContaining({
          subscribed: false,
          state: 'blocked',
          error: expect.objectContaining({ code: 'subscription-rejected' }),
        }),
      ]);
    } finally {
      await ruled.stop();
    }
  });

  it('no SIP server listening: unknown with the connection error, within --timeout', async () => {
    const r = await lookupAs('ws://127.0.0.1:9', 'bob', 'x', '--json', '--timeout', '3000');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).presence[0]).toMatchObject({
      state: 'unknown',
      error: { code: 'sip-connect-failed', message: expect.stringMatching(/ECONNREFUSED/) },
    });
  });

  it('bad usage exits 2 and sends nothing: ws:// to another host, no password, no --sip-address, --sip-* without --presence', async () => {
    const cases: [string | undefined, string[]][] = [
      ['pw', ['--presence', '--sip-server', 'ws://sip.example.test/ws', '--sip-address', 'sip:bob@example.test']],
      [undefined, ['--presence', '--sip-server', sip.ws, '--sip-address', 'sip:bob@example.test']],
      ['pw', ['--presence', '--sip-server', sip.ws]],
      ['pw', ['--presence', '--sip-server', sip.ws, '--sip-address', 'bob@example.test']],
      ['pw', ['--sip-server', sip.ws]],
    ];
    const before = (await readQueryLog(world)).length;
    for (const [password, args] of cases) {
      const r = await cli(password, 'lookup', ALICE_NUMBER, '--doh', world.unboundDoh, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^enum-presence: --/);
      expect(r.stdout).toBe('');
    }
    expect((await readQueryLog(world)).length).toBe(before);
  });
});
