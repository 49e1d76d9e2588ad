// Domain names in presentation form (RFC 1035 §5.1): "www.example.com" without the trailing dot, "" for the
// root. Labels are octet strings (RFC 2181 §11); octets that are not printable ASCII are shown as \DDD and
// "." or "\" inside a label as \. and \\, so formatName(parseName(s)) is a canonical spelling of s.
import { err, ok, type CoreError, type Result } from '../result.ts';
import type { DnsEncodeError } from './errors.ts';

/** RFC 1035 §2.3.4: labels are 63 octets or less, names 255 octets or less (in wire form). */
export const MAX_LABEL_OCTETS = 63;
export const MAX_NAME_OCTETS = 255;

const BACKSLASH = 0x5c;
const DOT = 0x2e;
const utf8 = new TextEncoder();

/** One label in presentation form. */
export function formatLabel(label: Uint8Array): string {
  let out = '';
  for (const b of label) {
    if (b === DOT || b === BACKSLASH) out += '\\' + String.fromCharCode(b);
    else if (b > 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\' + String(b).padStart(3, '0');
  }
  return out;
}

/** Labels (without the empty root label) → presentation form without the trailing dot. */
export function formatName(labels: readonly Uint8Array[]): string {
  return labels.map(formatLabel).join('.');
}

/**
 * Presentation form → labels (root label not included). Accepts an optional trailing dot, `\DDD` and `\X`
 * escapes; characters beyond ASCII are taken as their UTF-8 octets (the DNS is 8-bit clean, RFC 2181 §11).
 */
export function parseName(text: string): Result<Uint8Array[], DnsEncodeError> {
  if (text === '' || text === '.') return ok([]);
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  let wire = 1; // the root label
  let i = 0;
  const endLabel = (): DnsEncodeError | undefined => {
    if (current.length === 0) return { code: 'empty-label', message: `empty label in "${text}"` };
    if (current.length > MAX_LABEL_OCTETS) {
      return {
        code: 'label-too-long',
        message: `label of ${current.length} octets (max ${MAX_LABEL_OCTETS}, RFC 1035 §2.3.4) in "${text}"`,
      };
    }
    labels.push(Uint8Array.from(current));
    wire += current.length + 1;
    current = [];
    return undefined;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '.') {
      const e = endLabel();
      if (e) return { ok: false, error: e };
      i++;
      if (i === text.length) break; // trailing dot: fully qualified
      continue;
    }
    if (ch === '\\') {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        const v = Number(digits[0]);
        if (v > 255) return err('bad-escape', `\\${digits[0]} is not an octet in "${text}"`);
        current.push(v);
        i += 4;
        continue;
      }
      const next = text.codePointAt(i + 1);
      if (next === undefined) return err('bad-escape', `dangling backslash at the end of "${text}"`);
      if (next >= 0x30 && next <= 0x39) return err('bad-escape', `\\DDD needs three digits in "${text}"`);
      const s = String.fromCodePoint(next);
      current.push(...utf8.encode(s));
      i += 1 + s.length;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    const s = String.fromCodePoint(cp);
    current.push(...utf8.encode(s));
    i += s.length;
  }
  if (current.length > 0) {
    const e = endLabel();
    if (e) return { ok: false, error: e };
  }
  if (wire > MAX_NAME_OCTETS) {
    return err(
      'name-too-long',
      `name of ${wire} octets in wire form (max ${MAX_NAME_OCTETS}, RFC 1035 §2.3.4): "${text.slice(0, 40)}…"`,
    );
  }
  return ok(labels);
}

/** Wire length of a name given as labels (root label included). */
export const nameWireLength = (labels: readonly Uint8Array[]): number => labels.reduce((n, l) => n + l.length + 1, 1);

/** The name in our presentation form (no trailing dot, canonical escapes, case kept); undefined if invalid. */
export function normalizeName(text: string): string | undefined {
  const labels = parseName(text);
  return labels.ok ? formatName(labels.value) : undefined;
}

/**
 * The spelling used to compare names: ASCII-only lower case (RFC 4343 §3: DNS comparisons are
 * case-insensitive for A–Z only), no trailing dot, escapes normalised. Unparsable text is lower-cased as is.
 */
export function canonicalName(name: string): string {
  const text =
    (name.includes('\\') ? normalizeName(name) : undefined) ?? (name.endsWith('.') ? name.slice(0, -1) : name);
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Case-insensitive name equality (RFC 1035 §2.3.3, RFC 4343). */
export const namesEqual = (a: string, b: string): boolean => canonicalName(a) === canonicalName(b);

/** RFC 1123 §2.1 (RFC 952): a host name label is letters, digits and "-", neither first nor last. */
const HOST_LABEL = new RegExp(`^(?!-)[a-z0-9-]{1,${MAX_LABEL_OCTETS}}(?<!-)$`);

/**
 * The one check for a domain a person or a setting names (ENUM suffixes, switched-off sites, the domain of a
 * pres: URI, the CLI's --suffix): trimmed, lower case, without the root dot, every label a host name label, and
 * within the RFC 1035 §2.3.4 limits. The root alone is refused. (Such labels are ASCII, one octet a character,
 * so the wire length is the text's plus the first length octet and the root: no parseName needed, which keeps
 * this out of the content script's bundle.)
 */
export function parseHostName(text: string): Result<string, CoreError<'bad-name'>> {
  const name = text.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || !name.split('.').every((l) => HOST_LABEL.test(l))) {
    return err('bad-name', `"${text}" is not a domain name (letters, digits and "-" between dots).`);
  }
  if (name.length + 2 > MAX_NAME_OCTETS)
    return err('bad-name', `"${text.slice(0, 40)}…" is longer than a domain name may be (RFC 1035 §2.3.4).`);
  return ok(name);
}
