// Presence notes (RFC 3863 <note>, RFC 4479 <dm:note>): free text from the presentity, shown only as text.
// The text is made safe to place next to our own: control characters and the bidi embedding, override and
// isolate controls (which could reorder the card's text around the note) are removed, whitespace collapsed,
// and the length capped. pickNote chooses the note whose xml:lang best fits the user's languages (RFC 4647 §3.4
// lookup: a range matches a tag equal to it or to one of its truncations; then §3.3.1 basic filtering).

export interface Note {
  text: string;
  /** xml:lang in scope (BCP 47 tag), '' when the document says none. */
  lang: string;
}

/** Notes longer than this are cut (at a code point boundary) and end with "…". */
export const MAX_NOTE_CHARS = 200;

// C0 and C1 controls (tab/newline/CR become spaces first), DEL, bidi embeddings/overrides (U+202A–U+202E) and
// isolates (U+2066–U+2069), and lone surrogates (a cut may have split a pair).
const NEWLINES = /[\t\n\r\u2028\u2029]/g;
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `raw` made safe to show next to our own text (see the header), cut to `max` code points ending in "…". */
export function safeText(raw: string, max: number): string {
  const text = raw.replace(NEWLINES, ' ').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const points = Array.from(text);
  return points.length > max
    ? `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : text;
}

export const sanitizeNoteText = (raw: string): string => safeText(raw, MAX_NOTE_CHARS);

/** The truncations of a language range, longest first: de-CH-1996 → de-CH-1996, de-CH, de (RFC 4647 §3.4). */
function truncations(range: string): string[] {
  const subtags = range.toLowerCase().split('-');
  const out: string[] = [];
  for (let n = subtags.length; n > 0; n--) {
    // Drop a single-letter subtag (an extension or private-use introducer) left at the end (RFC 4647 §3.4).
    if (n < subtags.length && subtags[n - 1]?.length === 1) continue;
    out.push(subtags.slice(0, n).join('-'));
  }
  return out;
}

/**
 * The note to show for a reader of `languages` (most preferred first, like navigator.languages): for each
 * language in turn, a note tagged with it or one of its truncations (de-AT → de), then one tagged with a
 * narrower tag of those (de-AT → de-DE, en → en-GB); failing all, an untagged note, then the first note.
 */
export function pickNote(notes: readonly Note[], languages: readonly string[]): Note | undefined {
  const tagged = notes.map((n) => ({ n, tag: n.lang.toLowerCase() }));
  for (const language of languages) {
    const ranges = truncations(language);
    const exact = ranges.map((r) => tagged.find((t) => t.tag === r)).find(Boolean);
    if (exact) return exact.n;
    const sibling = ranges.map((r) => tagged.find((t) => t.tag.startsWith(`${r}-`))).find(Boolean);
    if (sibling) return sibling.n;
  }
  return tagged.find((t) => t.tag === '')?.n ?? notes[0];
}
