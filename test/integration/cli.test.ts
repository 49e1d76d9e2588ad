// The CLI contract (README "CLI"): the built dist/cli/enum-presence.js run by node against the loopback world,
// trusting its certificate through NODE_EXTRA_CA_CERTS.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { HOSTILE } from '../world/hostile.ts';
import { readQueryLog } from '../world/query-log.ts';

const run = promisify(execFile);
const world = inject('world');
const CLI = 'dist/cli/enum-presence.js';

beforeAll(async () => {
  // `npm test` builds first; build here only when the tests run alone on a fresh checkout.
  if (!existsSync(CLI)) await run('npx', ['vite', 'build', '--config', 'vite.cli.config.ts']);
}, 120_000);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: world.certFile },
      timeout: 20_000, // a CLI that never exits is killed (code null), not left behind
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('enum-presence lookup', () => {
  it('prints the JSON contract and exits 0', async () => {
    const r = await cli('lookup', '+43 1 2345678', '--doh', world.unboundDoh, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      e164: '+4312345678',
      domain: '8.7.6.5.4.3.2.1.3.4.e164.arpa',
      status: 'found',
      dnssec: true,
      pres: ['pres:alice@example.test'],
      rejected: [],
    });
    expect(out.uris[0]).toEqual({ uri: 'sip:alice@example.test', enumservices: ['sip'], order: 100, preference: 10 });
  });

  it('accepts a national number with --region, POST, several suffixes and --resolve-pres', async () => {
    const r = await cli(
      'lookup',
      '01 2345675',
      '--region',
      'AT',
      '--doh',
      world.unboundDoh,
      '--method',
      'post',
      '--suffix',
      'e164.arpa',
      '--suffix',
      'e164.test',
      '--resolve-pres',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.domain).toBe('5.7.6.5.4.3.2.1.3.4.e164.test');
    expect(out.presResolution[0].protocols.map((p: { protocol: string }) => p.protocol)).toEqual(['sip', 'xmpp']);
  });

  it('--resolve-pres gives presResolution [] when the number has no pres: URI', async () => {
    const r = await cli('lookup', '+43 1 2345679', '--doh', world.unboundDoh, '--resolve-pres', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'found', pres: [], presResolution: [] });
  });

  it('prints a readable table without --json', async () => {
    const r = await cli('lookup', '+43', '1', '2345707', '--doh', world.unboundDoh);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ORDER\s+PREF\s+ENUMSERVICES\s+URI/);
    expect(r.stdout).toMatch(/100\s+40\s+pres\s+pres:grace@example\.test/);
    expect(r.stdout).toMatch(/rejected: .*javascript:alert\(1\).*never usable/);
  });

  it('exits 0 when nothing is found', async () => {
    const r = await cli('lookup', '+43 1 2345676', '--doh', world.unboundDoh, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('not-found');
  });

  it('exits 2 on bad input and sends no query', async () => {
    const before = (await readQueryLog(world)).length;
    for (const args of [
      ['lookup', '020 7946 0148'],
      ['lookup', 'not a number'],
      ['lookup', '+43 1 2345678', '--method', 'put'],
      ['frobnicate'],
      ['lookup', '+43 1 2345678', '--doh', 'http://127.0.0.1/dns-query'],
      ['lookup', '+43 1 2345678', '--doh', world.unboundDoh.replace('https://', 'https://user:secret@')],
    ]) {
      const r = await cli('--doh', world.unboundDoh, ...args); // a later --doh in args wins
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/enum-presence: /);
      expect(r.stdout).toBe('');
    }
    expect((await readQueryLog(world)).length).toBe(before);
  });

  it('reads a leading 00 as the international prefix without --region (README "The CLI": `0044 …`)', async () => {
    const r = await cli('lookup', '0043 1 2345678', '--doh', world.unboundDoh, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ e164: '+4312345678', status: 'found' });
  });

  it('names an unknown --region and an unknown country calling code (exit 2)', async () => {
    const region = await cli('lookup', '+4312345678', '--region', 'XX', '--doh', world.unboundDoh);
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/"XX" is not a region code/);
    const code = await cli('lookup', '+999 1234567', '--doh', world.unboundDoh);
    expect(code.code).toBe(2);
    expect(code.stderr).toMatch(/\+999… does not begin with a country calling code/);
  });

  it('exits 3 when the resolver fails (SERVFAIL) or cannot be reached (timeout)', async () => {
    const servfail = await cli('lookup', '+43 1 2345678', '--doh', world.unboundDoh, '--suffix', 'broken.test');
    expect(servfail.code).toBe(3);
    expect(servfail.stderr).toMatch(/SERVFAIL/);
    const timeout = await cli('lookup', '+43 1 2345678', '--doh', world.hangingDoh, '--timeout', '300', '--json');
    expect(timeout.code).toBe(3);
    expect(JSON.parse(timeout.stdout).error.code).toBe('timeout');
  });

  it('exits 3 on timeout when the server accepts TCP and never completes the TLS handshake', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((s) => (held.add(s), s.on('close', () => held.delete(s))));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const url = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}/dns-query`;
    try {
      const started = Date.now();
      const r = await cli('lookup', '+43 1 2345678', '--doh', url, '--timeout', '500', '--json');
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout).error.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });

  it('exits 3 with code too-large when a body has no end (HTTP/2), the body dropped at 65,535 octets', async () => {
    const huge = world.hostileDoh.replace('/dns-query', '/huge/dns-query');
    const r = await cli('lookup', HOSTILE.good, '--doh', huge, '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'too-large', message: /more than 65535 octets/ });
  });

  it('without NODE_EXTRA_CA_CERTS the self-signed resolver is refused (exit 3, says why)', async () => {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const r = await run('node', [CLI, 'lookup', '+43 1 2345678', '--doh', world.unboundDoh], { env }).catch(
      (e) => e as { code: number; stderr: string },
    );
    expect((r as { code: number }).code).toBe(3);
    expect((r as { stderr: string }).stderr).toMatch(/certificate/i);
  });
});

describe('enum-presence lookup: zone data never reaches the terminal raw (hostile resolver)', () => {
  // Escapes as the record column writes them (RFC 1035 §5.1 \DDD): ESC → \027, BEL → \007, CR → \013, CSI → \194\155.
  const fake = '\\027]0;PWNED-TITLE\\007\\027[2J\\027[H\\027[31mFAKE: 1 usable URI sip:bank@trusted.example\\027[0m';
  /** No C0 control but the newline, no DEL, no C1 and no bidi control. */
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

  it('escapes controls in the flags, services and regexp of rejected records', async () => {
    const r = await cli('lookup', HOSTILE.escapes, '--doh', world.hostileDoh);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(raw);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      `rejected: 100 10 "${fake}" "E2U+sip" "!^.*$!sip:a@b!" .  — unknown flag(s) "${fake}": ENUM defines only "u" (terminal) and "" (non-terminal)`,
    );
    expect(lines.find((l) => l.startsWith('rejected: 100 20 '))).toMatch(
      / — "sip\\013\\027\[1A\\027\[2K\\194\\15531m" is not/,
    );
    expect(lines.find((l) => l.startsWith('rejected: 100 30 '))).toMatch(
      / — unknown flag\(s\) "\\027\[5m\\008\\008\\008" after the last delimiter/,
    );
    expect(lines.find((l) => l.startsWith('rejected: 100 40 '))).not.toMatch(raw);
  });

  it("escapes controls in a JSON-API resolver's text on stderr", async () => {
    const r = await cli('lookup', HOSTILE.escapes, '--doh', world.hostileDoh, '--method', 'json');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'enum-presence: JSON DoH Answer[0]: RDATA text of type 35 "\\027]0;PWNED-TITLE\\007\\027[2J\\027[HFAKE: 1 usable URI": expected 6 fields, got 4\n',
    );
  });

  it("--json escapes controls in a JSON-API resolver's text in error.message, as on stderr", async () => {
    const r = await cli('lookup', HOSTILE.escapes, '--doh', world.hostileDoh, '--method', 'json', '--json');
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(raw);
    expect(JSON.parse(r.stdout).error.message).toBe(
      'JSON DoH Answer[0]: RDATA text of type 35 "\\027]0;PWNED-TITLE\\007\\027[2J\\027[HFAKE: 1 usable URI": expected 6 fields, got 4',
    );
  });

  it('--json has no raw bidi control: reasons quote zone text escaped', async () => {
    const r = await cli('lookup', HOSTILE.bidi, '--doh', world.hostileDoh, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(raw);
    const out = JSON.parse(r.stdout);
    expect(out.uris.map((u: { uri: string }) => u.uri)).toEqual(['sip:ok@example.test']);
    expect(out.rejected[0].reason).toBe(
      'unknown flag(s) "\\226\\128\\174u": ENUM defines only "u" (terminal) and "" (non-terminal)',
    );
  });
});

describe('enum-presence and its standard output', () => {
  /** Runs the CLI with stdout given (a file descriptor, or a pipe closed at once), returning its exit code and stderr. */
  async function withStdout(stdout: number | 'closed', ...args: string[]): Promise<{ code: number; stderr: string }> {
    const child = spawn('node', [CLI, ...args], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: world.certFile },
      stdio: ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'],
      timeout: 20_000,
    });
    if (stdout === 'closed') child.stdout?.destroy(); // the reader is gone before anything is written: EPIPE
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'close')) as [number];
    return { code, stderr };
  }

  it.each([
    ['help', ['help']],
    ['a lookup', ['lookup', '+43 1 2345678', '--doh', world.unboundDoh, '--json']],
  ])('%s with stdout on a full device (/dev/full) exits 3 with one line on stderr', async (_, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await withStdout(full, ...args);
      expect(r.stderr).toBe('enum-presence: cannot write the output: ENOSPC: no space left on device, write\n');
      expect(r.code).toBe(3);
    } finally {
      closeSync(full);
    }
  });

  it('a reader that went away (EPIPE, as with | head) ends it quietly with the lookup’s own status', async () => {
    const r = await withStdout('closed', 'lookup', '+43 1 2345678', '--doh', world.unboundDoh, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
