// The phone metadata's most frequent pieces, each written as one character the metadata never holds, in the
// built content script (build/compact-phone-metadata.ts writes them, phone-lib.ts metadataJson reads them back).
// A regexp's `(?:` and `\d{` cost gzip a back-reference each; one character costs less (~3 KB gzip in all).
// In the order they are applied (a later piece may hold earlier marks). "!" already stands for the escaped backslash `\\`.

export const METADATA_TOKENS: readonly (readonly [piece: string, mark: string])[] = [
  ['(?:', '%'],
  ['!d{', '&'],
  ['!d', '@'],
  ['$1 $2', '<'],
  ['})(', '>'],
  ['["', ';'],
  ['[0', '='],
  ['[1', "'"],
  // Pieces of the text as it stands after the marks above (chosen by what gzip saves, largest first).
  ['","', '*'],
  ['"],;', '+'],
  ['"],"0$1', '/'],
  [',0,0,', '^'],
  ['-9]', 'b'],
  ['< $3",;', 'f'],
  ['"]]', 'j'],
  ['>&', 'k'],
  ['[2', 'm'],
  ['",;', 'q'],
  ['(&', 'w'],
  ['&6}', 'z'],
  // Pieces of the text after all the marks above, found by the same greedy search for what saves gzip -9 most; the
  // ASCII characters are used up, so these marks are Latin-1 letters (the content script is UTF-8); ~250 B gzip -9.
  // More pieces found that way made gzip -9's output larger again (its block choices), so the list stops here.
  ['})*', 'À'],
  [',"0"^0^[;', 'Á'],
  ['À< $3 $4', 'Â'],
  ['],[;', 'Ã'],
  ['j]^0^0,', 'Ä'],
  ['À$1-$', 'Å'],
  ['"],"(0$1)', 'Æ'],
];

/** Each piece as its mark; throws when a mark already occurs in `json` (it could not be read back). */
export function encodeMetadataTokens(json: string): string {
  let text = json;
  for (const [piece, mark] of METADATA_TOKENS) {
    if (text.includes(mark))
      throw new Error(`phone metadata: it now contains "${mark}"; pick another mark for "${piece}"`);
    text = text.replaceAll(piece, mark);
  }
  return text;
}

/** Each mark with its piece fully written out (a piece may hold the marks of earlier pieces), and all marks. */
let expanded: { pieces: Map<string, string>; marks: RegExp } | undefined;

/** The inverse of encodeMetadataTokens, in one pass: every mark is expanded to its piece, marks within included. */
export function decodeMetadataTokens(text: string): string {
  if (!expanded) {
    const pieces = new Map<string, string>();
    for (const [piece, mark] of METADATA_TOKENS) pieces.set(mark, [...piece].map((c) => pieces.get(c) ?? c).join(''));
    expanded = {
      pieces,
      marks: new RegExp(`[${[...pieces.keys()].map((m) => (/[\\\]^-]/.test(m) ? `\\${m}` : m)).join('')}]`, 'g'),
    };
  }
  const { pieces, marks } = expanded;
  return text.replace(marks, (mark) => pieces.get(mark)!);
}
