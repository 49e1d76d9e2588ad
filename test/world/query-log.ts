// The world's query log: names clients asked the resolver (unbound `log-queries`) and names asked of
// BIND directly with RD set (its own DoH/DNS; unbound's iterative queries to BIND carry no RD and
// are left out). Readiness probes (world-probe.*) are left out too. Works from any process: it
// only needs the serializable WorldInfo.logFiles, so tests call readQueryLog(inject('world')).
import { readFile } from 'node:fs/promises';
import { PROBE_LABEL } from './bind.ts';

export interface QueryLogFiles {
  unbound: string;
  bind: string;
}
export interface QueryLogEntry {
  server: 'unbound' | 'bind';
  name: string;
  type: string;
}

// [1764090000] unbound[123:0] info: 127.0.0.1 8.7.6.5.4.3.2.1.3.4.e164.arpa. NAPTR IN
const UNBOUND_RE = /\binfo: \S+ (\S+) (\S+) IN$/;
// 25-Nov-2026 17:00:00.123 client @0x7f.. 127.0.0.1#40000 (name): query: name IN NAPTR +E(0)DK (127.0.0.1)
const BIND_RE = /\bquery: (\S+) IN (\S+) \+/;

async function lines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n');
  } catch {
    return [];
  }
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

export async function readQueryLogEntries(w: { logFiles: QueryLogFiles }): Promise<QueryLogEntry[]> {
  const out: QueryLogEntry[] = [];
  for (const l of await lines(w.logFiles.unbound)) {
    const m = UNBOUND_RE.exec(l);
    if (m?.[1] && m[2]) out.push({ server: 'unbound', name: normalize(m[1]), type: m[2] });
  }
  for (const l of await lines(w.logFiles.bind)) {
    const m = BIND_RE.exec(l);
    if (m?.[1] && m[2]) out.push({ server: 'bind', name: normalize(m[1]), type: m[2] });
  }
  return out.filter((e) => !e.name.startsWith(`${PROBE_LABEL}.`));
}

/** Names queried so far (lower-case, no trailing dot), unbound's first, then BIND's, in log order. */
export async function readQueryLog(w: { logFiles: QueryLogFiles }): Promise<string[]> {
  return (await readQueryLogEntries(w)).map((e) => e.name);
}
