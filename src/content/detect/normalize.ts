// NFKC normalisation with an offset map back to the page's text.
// libphonenumber-js mis-parses the full-width plus U+FF0B (`＋1 (650) 333-6000` → +65…, docs/detection-cases.md
// L#2), so the matcher runs over NFKC text and every match is mapped back to the exact page characters.
// Normalisation is done one code point at a time: phone numbers are made of digits and punctuation,
// where per-code-point NFKC equals whole-string NFKC, and it keeps the map trivial.

export interface NormalizedText {
  /** The text the matcher sees. */
  text: string;
  /** Maps an offset in `text` to an offset in the source; length text.length + 1. Undefined = identity. */
  toSource: Int32Array | undefined;
}

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function normalizeForMatching(source: string): NormalizedText {
  // Most page text (ASCII, or composed letters such as ä, é) is its own NFKC form: the map is the identity.
  if (ASCII_ONLY.test(source) || source.normalize('NFKC') === source)
    return { text: collapsePluses(source), toSource: undefined };
  const parts: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < source.length) {
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const chunk = cp < 0x80 ? source[i]! : String.fromCodePoint(cp).normalize('NFKC');
    parts.push(chunk);
    for (let k = 0; k < chunk.length; k++) map.push(i);
    i += width;
  }
  map.push(source.length);
  return { text: collapsePluses(parts.join('')), toSource: Int32Array.from(map) };
}

/**
 * `++1 (650) 333-6000` is a valid international form (PhoneNumberMatcherTest testFindWithInternationalPrefixes)
 * that libphonenumber-js drops (docs/detection-cases.md L#3, H#8). A `+` directly followed by `+` becomes a
 * space, so the match starts at the last `+`; `widenToLeadingPluses` takes the doubled plus back into the
 * annotation.
 */
function collapsePluses(text: string): string {
  return text.includes('++') ? text.replace(/\+(?=\+)/g, ' ') : text;
}

/** Map a half-open range of the normalised text to the source text. */
export function toSourceRange(norm: NormalizedText, start: number, end: number): [number, number] {
  const map = norm.toSource;
  if (!map) return [start, end];
  const srcStart = map[start]!;
  const lastSrc = map[end - 1]!;
  const next = map[end]!;
  // The end is the source position after the code point that produced the last matched unit.
  return [srcStart, next > lastSrc ? next : lastSrc + 1];
}

/** Extend a source range left over a run of `+` signs directly before it (see collapsePluses). */
export function widenToLeadingPluses(source: string, start: number): number {
  if (source[start] !== '+' && source[start] !== '\uff0b') return start;
  while (start > 0 && (source[start - 1] === '+' || source[start - 1] === '\uff0b')) start--;
  return start;
}
