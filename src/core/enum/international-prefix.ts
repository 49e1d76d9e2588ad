// A leading 00 is the international prefix ITU-T Rec. E.164 recommends, and E.123 writes + in its place:
// `0044 20 7946 0148` is `+44 20 7946 0148`. Shared by toE164 (popup, CLI) and tel: links (content script),
// without libphonenumber, so each reader keeps its own build of it.

const SEPARATORS = String.raw`[\s().\-/]*`;
const LEADING_00 = new RegExp(`^${SEPARATORS}0${SEPARATORS}0(?=${SEPARATORS}\\d)`);

/** `text` with a leading 00 (spaces and punctuation around it allowed) written as +, or undefined when it has none. */
export function internationalPrefixAsPlus(text: string): string | undefined {
  const m = LEADING_00.exec(text);
  return m ? `+${text.slice(m[0].length)}` : undefined;
}
