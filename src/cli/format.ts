// Human-readable output of a lookup: a short table. Every string from the zone or the resolver goes through
// printable() (core/printable.ts): a zone must not be able to retitle, clear or rewrite the terminal.
import type { LookupResult } from '../core/enum/types.ts';
import { printable } from '../core/printable.ts';

/** JSON with DEL, C1 and bidi controls written as \uXXXX too (JSON.stringify escapes only C0): still the
 *  same JSON value, but no raw control reaches the terminal. */
export const formatJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (ch) => `\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );

/**
 * The lookup result as the JSON prints it (README "The CLI (a contract)"): a rejected record is `{record, reason}`,
 * without the `why` core adds for the extension's translated words.
 */
export const jsonResult = (r: LookupResult): LookupResult => ({
  ...r,
  rejected: r.rejected.map(({ record, reason }) => ({ record, reason })),
});

/** One line for stderr: `enum-presence: <message>`, escaped like the rest. */
export const formatError = (message: string): string => `enum-presence: ${printable(message)}\n`;

export function formatResult(r: LookupResult): string {
  const lines: string[] = [];
  const validated = r.dnssec ? 'DNSSEC-validated' : 'not DNSSEC-validated';
  lines.push(`${printable(r.e164)}  ${printable(r.domain)}`);
  // status "error": main() writes the message to stderr.
  if (r.status === 'error') return lines.join('\n');
  if (r.status === 'not-found') {
    lines.push(`No ENUM records (${validated}).`);
    return lines.join('\n');
  }
  lines.push(
    `${r.uris.length} usable URI${r.uris.length === 1 ? '' : 's'}, ${r.pres.length} presence (${validated}, TTL ${r.ttl}s)`,
  );
  if (r.uris.length) {
    const rows = r.uris.map((u) => [
      String(u.order),
      String(u.preference),
      printable(u.enumservices.join('+')),
      printable(u.uri),
    ]);
    const header = ['ORDER', 'PREF', 'ENUMSERVICES', 'URI'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    for (const row of [header, ...rows])
      lines.push(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
  }
  for (const p of r.presResolution ?? []) {
    const uri = printable(p.uri);
    if (p.error && p.protocols.length === 0) lines.push(`${uri}: ${printable(p.error.message)}`);
    else if (p.protocols.length === 0) lines.push(`${uri}: no _pres SRV records for ${printable(p.domain)}`);
    for (const proto of p.protocols) {
      lines.push(
        `${uri} via ${proto.protocol}: ${proto.targets.map((t) => `${printable(t.target)}:${t.port}`).join(', ')}`,
      );
    }
  }
  for (const x of r.rejected) lines.push(`rejected: ${printable(x.record)}  — ${printable(x.reason)}`);
  if (r.rejectedOmitted)
    lines.push(`rejected: ${r.rejectedOmitted} more record${r.rejectedOmitted === 1 ? '' : 's'}, not listed`);
  return lines.join('\n');
}
