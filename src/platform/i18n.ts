// The browser's UI language, and the region it implies for national numbers.
import browser from './browser.ts';

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/**
 * Region of the browser's UI locale, as the background picks it for an empty default region:
 * the locale's own region or its language's most likely one ("en-GB" → GB, "de" → DE); "" when unknown.
 */
export function browserRegion(): string {
  try {
    const region = new Intl.Locale(uiLanguage().replace(/_/g, '-')).maximize().region ?? '';
    return /^[A-Z]{2}$/.test(region) ? region : '';
  } catch {
    return '';
  }
}
