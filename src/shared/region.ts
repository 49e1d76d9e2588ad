// The browser's region: what an empty `defaultRegion` setting means (README "Settings"), in every context.
// The content script passes navigator.language, the background and the extension pages the UI language; all
// read it with this one rule, so the options page shows the region the content script and the popup use.

/**
 * The region of a BCP 47 locale: its own region subtag, else its language's most likely region
 * (Intl.Locale.maximize, CLDR likely subtags: "en-GB" → GB, "en" → US, "de" → DE, "ja" → JP); "" when unknown.
 */
export function browserRegion(locale: string): string {
  try {
    const tag = new Intl.Locale(locale.trim().replace(/_/g, '-'));
    // maximize keeps a region the tag names (its alias replaced: `en-UK` → GB) and fills in only an unknown one
    // (none, or ZZ). Asked only then: the first maximize in a page loads CLDR's likely subtags (40–200 ms in
    // Chromium on a loaded machine; bench/page), while reading the tag is well under a millisecond.
    const region = (tag.region && tag.region !== 'ZZ' ? tag.region : tag.maximize().region) ?? '';
    return /^[A-Z]{2}$/.test(region) ? region : '';
  } catch {
    return '';
  }
}
