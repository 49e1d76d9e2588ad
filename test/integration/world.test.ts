// Proves the loopback DNS world (test/world/) with independent tools: dig/kdig over plain DNS and DoH.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inject, describe, expect, it } from 'vitest';
import { parsePhoneNumber } from 'libphonenumber-js/max';
import { dsRecords, dsRecordsViaTools } from '../world/bind.ts';
import { readQueryLog } from '../world/query-log.ts';

const world = inject('world');
const ALICE = '8.7.6.5.4.3.2.1.3.4.e164.arpa';

interface Out {
  code: number;
  stdout: string;
  ms: number;
}
function tool(cmd: string, args: string[], timeoutMs = 10_000): Promise<Out> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: stdout + stderr, ms: performance.now() - t0 });
    });
  });
}
const port = (url: string) => new URL(url).port;
const kdigDoh = (url: string, name: string, ...extra: string[]) =>
  tool('kdig', [
    '@127.0.0.1',
    '-p',
    port(url),
    '+https',
    `+tls-ca=${world.certFile}`,
    '+tls-hostname=localhost',
    ...extra,
    'NAPTR',
    name,
  ]);
const dig = (p: number, name: string, type = 'NAPTR') =>
  tool('dig', ['@127.0.0.1', '-p', String(p), '+dnssec', '+time=3', '+tries=1', name, type]);
const digFlags = (out: string) => /;; flags: ([a-z ]*);/.exec(out)?.[1]?.split(' ') ?? [];
const kdigFlags = (out: string) => /;; Flags: ([a-z ]*);/.exec(out)?.[1]?.split(' ') ?? [];
const naptrs = (out: string) => out.split('\n').filter((l) => /^[^;].*\sNAPTR\s/.test(l));

describe('DNS world', () => {
  it('exposes its endpoints', () => {
    expect(world.unboundDoh).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/dns-query$/);
    expect(world.bindDoh).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/dns-query$/);
    expect(world.hangingDoh).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/dns-query$/);
    expect(Buffer.from(world.spki, 'base64')).toHaveLength(32);
    expect(readFileSync(world.certFile, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('unbound DoH (TLS, HTTP/2) validates e164.arpa: AD and the 4 NAPTRs', async () => {
    const r = await kdigDoh(world.unboundDoh, ALICE, '+adflag');
    expect(r.stdout).toMatch(/HTTP\/2-POST.*status: 200/);
    expect(kdigFlags(r.stdout)).toContain('ad');
    expect(naptrs(r.stdout)).toHaveLength(4);
    expect(r.stdout).toContain('pres:alice@example.test');
  });

  it('unbound plain DNS: AD for the trusted zones, SERVFAIL for broken.test, no AD for unsigned.test', async () => {
    const p = world.unboundDns.port;
    const [arpa, test, broken, unsigned] = await Promise.all([
      dig(p, ALICE),
      dig(p, '5.7.6.5.4.3.2.1.3.4.e164.test'),
      dig(p, '8.7.6.5.4.3.2.1.3.4.broken.test'),
      dig(p, '8.7.6.5.4.3.2.1.3.4.unsigned.test'),
    ]);
    expect(arpa.stdout).toContain('status: NOERROR');
    expect(digFlags(arpa.stdout)).toContain('ad');
    expect(digFlags(test.stdout)).toContain('ad');
    expect(test.stdout).toContain('sip:carol@example.test');
    expect(broken.stdout).toContain('status: SERVFAIL');
    expect(unsigned.stdout).toContain('status: NOERROR');
    expect(digFlags(unsigned.stdout)).not.toContain('ad');
    expect(naptrs(unsigned.stdout).length).toBeGreaterThan(0);
  });

  it('unbound: CNAME, NODATA and NXDOMAIN cases', async () => {
    const p = world.unboundDns.port;
    const [cname, nodata, nx] = await Promise.all([
      dig(p, '3.7.6.5.4.3.2.1.3.4.e164.arpa'),
      dig(p, '4.7.6.5.4.3.2.1.3.4.e164.arpa'),
      dig(p, '5.7.6.5.4.3.2.1.3.4.e164.arpa'),
    ]);
    expect(cname.stdout).toMatch(/CNAME\s+cname-target\.e164\.arpa\./);
    expect(cname.stdout).toContain('sip:erin@example.test');
    expect(nodata.stdout).toContain('status: NOERROR');
    expect(nodata.stdout).toContain('ANSWER: 0');
    expect(nx.stdout).toContain('status: NXDOMAIN');
    expect(digFlags(nx.stdout)).toContain('ad');
  });

  it('serves the malformed-regexp records from unbound local-data (kdig; dig rejects them)', async () => {
    const r = await tool('kdig', [
      '@127.0.0.1',
      '-p',
      String(world.unboundDns.port),
      'NAPTR',
      '8.0.7.5.4.3.2.1.3.4.e164.arpa',
    ]);
    expect(naptrs(r.stdout)).toHaveLength(7);
    expect(r.stdout).toContain('!^(.*$!sip:unbalanced@example.test!');
  });

  it('BIND DoH answers authoritatively and never sets AD, also for broken.test', async () => {
    const [alice, broken] = await Promise.all([
      kdigDoh(world.bindDoh, ALICE, '+adflag', '+dnssec'),
      kdigDoh(world.bindDoh, '8.7.6.5.4.3.2.1.3.4.broken.test', '+adflag'),
    ]);
    expect(alice.stdout).toMatch(/HTTP\/2-POST.*status: 200/);
    expect(kdigFlags(alice.stdout)).toContain('aa');
    expect(kdigFlags(alice.stdout)).not.toContain('ad');
    expect(alice.stdout).toMatch(/RRSIG\s+NAPTR/);
    expect(naptrs(broken.stdout)).toHaveLength(2);
  });

  it('hangingDoh accepts TLS and never answers', async () => {
    const r = await kdigDoh(world.hangingDoh, ALICE, '+timeout=1', '+retry=0');
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeGreaterThanOrEqual(900);
    expect(r.stdout).not.toMatch(/status: 200/);
    expect(r.stdout).toMatch(/TLS1\.3|took too long|can't receive reply|timed out/i);
  });

  it('the query log sees queried names (unbound and BIND with RD), not the readiness probes', async () => {
    const unique = `qlog-${Date.now()}.e164.arpa`;
    const viaBind = `qlog-bind-${Date.now()}.e164.arpa`;
    expect(await readQueryLog(world)).not.toContain(unique);
    await kdigDoh(world.unboundDoh, unique);
    await kdigDoh(world.bindDoh, viaBind);
    const log = await readQueryLog(world);
    expect(log).toContain(unique);
    expect(log).toContain(viaBind);
    expect(log.some((n) => n.startsWith('world-probe.'))).toBe(false);
  });

  it('derives the same DS records as dnssec-dsfromkey', async () => {
    const norm = (l: string) => l.trim().split(/\s+/).join(' ').toUpperCase();
    const [mine, tools] = await Promise.all([
      dsRecords('e164.arpa', world.bindDns.port),
      dsRecordsViaTools('e164.arpa', world.bindDns.port),
    ]);
    expect(mine.map(norm)).toEqual(tools.map(norm));
    expect(mine[0]).toMatch(/^e164\.arpa\. IN DS \d+ 13 2 [0-9A-F]{64}$/);
  });

  it('every record in the trusted zones validates through unbound (NOERROR + AD)', async () => {
    const queries: string[] = [];
    for (const zone of ['e164.arpa', 'e164.test', 'example.test']) {
      const text = readFileSync(new URL(`../world/zones/${zone}.zone`, import.meta.url), 'utf8');
      for (const line of text.split('\n')) {
        const m = /^([^\s;$]\S*)\s+IN\s+([A-Z]+)\s/.exec(line);
        if (!m || m[2] === 'SOA' || m[2] === 'NS') continue;
        const owner = m[1] === '@' ? zone : `${m[1]}.${zone}`;
        if (!queries.includes(`${owner} ${m[2]}`)) queries.push(`${owner} ${m[2]}`);
      }
    }
    expect(queries.length).toBeGreaterThan(50);
    const r = await tool(
      'dig',
      [
        '@127.0.0.1',
        '-p',
        String(world.unboundDns.port),
        '+dnssec',
        '+noall',
        '+comments',
        '+time=3',
        '+tries=1',
        ...queries.flatMap((q) => q.split(' ')),
      ],
      30_000,
    );
    const statuses = [...r.stdout.matchAll(/status: (\w+)/g)].map((m) => m[1]);
    const flags = [...r.stdout.matchAll(/;; flags: ([a-z ]*);/g)].map((m) => m[1]!.split(' '));
    expect(statuses).toHaveLength(queries.length);
    queries.forEach((q, i) =>
      expect(`${q} ${statuses[i]} ${flags[i]!.includes('ad') ? 'AD' : 'no-AD'}`).toBe(`${q} NOERROR AD`),
    );
  });

  it('zones/README.md: every listed number maps to its ENUM name and is valid for libphonenumber', () => {
    const readme = readFileSync(new URL('../world/zones/README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| (?:[A-Z]{2} )?(\+[\d ]+?)(?: \(([^)]*)\))? \| `([\d.]+)` \|/gm)];
    expect(rows.length).toBeGreaterThan(35);
    for (const [, number, note, name] of rows) {
      const digits = number!.replace(/\D/g, '');
      expect(name, number).toBe(digits.split('').reverse().join('.'));
      expect(parsePhoneNumber(number!).isValid(), number).toBe(!note?.includes('invalid'));
    }
  });
});
