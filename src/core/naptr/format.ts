// NAPTR RDATA in master-file (presentation) form, RFC 3403 §4.1 / RFC 1035 §5.1:
//   100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .
// Inside a character-string `"` and `\` are escaped with a backslash and any octet outside printable
// US-ASCII is written `\DDD` (decimal), so the text is safe to print and can be read back by a zone
// parser. Note the master-file form doubles the backslashes of the regexp (RFC 3403 §6.1).
import type { NaptrData } from '../dns/types.ts';

const utf8 = new TextEncoder();

function quote(s: string): string {
  let out = '"';
  for (const b of utf8.encode(s)) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += `\\${b.toString().padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** The record as a zone file would show it; the REPLACEMENT is absolute ("." for the root). */
export function formatNaptr(d: NaptrData): string {
  const replacement = d.replacement === '' ? '.' : `${d.replacement}.`;
  return `${d.order} ${d.preference} ${quote(d.flags)} ${quote(d.services)} ${quote(d.regexp)} ${replacement}`;
}
