// Text from DNS answers and resolvers is untrusted and ends up in terminals and pages. A C0 or C1 control can
// retitle, clear or rewrite a terminal (ECMA-48: ESC, CSI U+009B, OSC), and a bidi control (Unicode UAX #9)
// can reverse the text around it. printable() writes each such character as the master-file escape of its
// UTF-8 octets (`\DDD`, RFC 1035 §5.1), as formatNaptr does for the record column, and keeps everything else.

/** C0, DEL, C1, and the bidi embedding, override, isolate and mark characters (UAX #9 §2). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const utf8 = new TextEncoder();

/** `s` with every control and bidi character escaped as `\DDD` octets, e.g. ESC → `\027`, U+202E → `\226\128\174`. */
export const printable = (s: string): string =>
  s.replace(UNPRINTABLE, (ch) => Array.from(utf8.encode(ch), (b) => `\\${String(b).padStart(3, '0')}`).join(''));

/** `printable(s)` cut to at most `max` characters, ending in "…" when cut (never inside an escape). */
export function printableBounded(s: string, max: number): string {
  const p = printable(s);
  if (p.length <= max) return p;
  let cut = p.slice(0, max - 1);
  const escape = /\\\d{0,2}$/.exec(cut);
  if (escape) cut = cut.slice(0, escape.index);
  return `${cut}…`;
}
