// Presentation form of decoded RDATA (RFC 1035 §5.1), for messages and the UI, e.g.
// `100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .`. Raw data is shown in RFC 3597 §5 generic form.
import type { RecordData } from './types.ts';

/** A <character-string> in quotes: `"` and `\` escaped, control characters as \DDD. */
export function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20 || c === 0x7f) out += '\\' + String(c).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}

/** A name as it appears inside RDATA: fully qualified, "." for the root. */
const fqdn = (name: string): string => (name === '' ? '.' : name + '.');

export function formatRdata(data: RecordData): string {
  switch (data.kind) {
    case 'NAPTR':
      return [
        data.order,
        data.preference,
        quoteString(data.flags),
        quoteString(data.services),
        quoteString(data.regexp),
        fqdn(data.replacement),
      ].join(' ');
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${fqdn(data.target)}`;
    case 'CNAME':
      return fqdn(data.target);
    case 'SOA':
      return [
        fqdn(data.mname),
        fqdn(data.rname),
        data.serial,
        data.refresh,
        data.retry,
        data.expire,
        data.minimum,
      ].join(' ');
    case 'raw': {
      if (data.text !== undefined && data.bytes.length === 0) return data.text;
      const hex = Array.from(data.bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      return `\\# ${data.bytes.length}${hex ? ' ' + hex : ''}`;
    }
  }
}
