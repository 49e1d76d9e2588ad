// Splits long texts into pieces no phone number can straddle, so one idle slice never runs the matcher over
// a whole 100 kB text node: a slice must stay a few milliseconds long, and 40 kB of digit-heavy text costs the
// matcher 250 ms in one go (docs/detection-cases.md L#5).

const MAX_CHUNK = 2000;

/**
 * Offsets where `text` may be cut: a whitespace run between two letters. A phone number with its extension
 * ("ext. 503") starts with a digit, `+` or `(` and ends with a digit, so it never spans such a cut.
 */
export function chunkBoundaries(text: string, max = MAX_CHUNK): number[] {
  const cuts: number[] = [0];
  let from = 0;
  while (text.length - from > max) {
    const cut =
      findCut(text, from + (max >> 1), from + max) ?? findCut(text, from + max, from + 4 * max) ?? from + 4 * max;
    if (cut >= text.length) break;
    cuts.push(cut);
    from = cut;
  }
  cuts.push(text.length);
  return cuts;
}

const LETTER = /\p{L}/u;

function findCut(text: string, lo: number, hi: number): number | undefined {
  for (let i = Math.min(hi, text.length - 1); i > lo; i--) {
    if (!isSpace(text.charCodeAt(i))) continue;
    let a = i;
    while (a > lo && isSpace(text.charCodeAt(a - 1))) a--;
    if (LETTER.test(text[a - 1] ?? '') && LETTER.test(text[i + 1] ?? '')) return i + 1;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
}
