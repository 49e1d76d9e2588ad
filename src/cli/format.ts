// Human-readable output of a lookup: a short table.
import type { LookupResult } from '../core/enum/types.ts';

export function formatResult(r: LookupResult): string {
  const lines: string[] = [];
  const validated = r.dnssec ? 'DNSSEC-validated' : 'not DNSSEC-validated';
  lines.push(`${r.e164}  ${r.domain}`);
  // status "error": main() writes the message to stderr.
  if (r.status === 'error') return lines.join('\n');
  if (r.status === 'not-found') {
    lines.push(`No ENUM records (${validated}).`);
    return lines.join('\n');
  }
  lines.push(`${r.uris.length} usable URI${r.uris.length === 1 ? '' : 's'}, ${r.pres.length} presence (${validated}, TTL ${r.ttl}s)`);
  if (r.uris.length) {
    const rows = r.uris.map((u) => [String(u.order), String(u.preference), u.enumservices.join('+'), u.uri]);
    const header = ['ORDER', 'PREF', 'ENUMSERVICES', 'URI'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    for (const row of [header, ...rows]) lines.push(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
  }
  for (const p of r.presResolution ?? []) {
    if (p.error && p.protocols.length === 0) lines.push(`${p.uri}: ${p.error.message}`);
    else if (p.protocols.length === 0) lines.push(`${p.uri}: no _pres SRV records for ${p.domain}`);
    for (const proto of p.protocols) {
      lines.push(`${p.uri} via ${proto.protocol}: ${proto.targets.map((t) => `${t.target}:${t.port}`).join(', ')}`);
    }
  }
  for (const x of r.rejected) lines.push(`rejected: ${x.record}  — ${x.reason}`);
  return lines.join('\n');
}
