// The browser's region for national numbers when the user set none: the UI locale's region, or the
// language's most likely region (Intl.Locale.maximize: "de" → DE, "ja" → JP).
export function defaultRegion(locale: string): string {
  try {
    return new Intl.Locale(locale).maximize().region ?? '';
  } catch {
    return '';
  }
}
