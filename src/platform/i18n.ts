// The browser's UI language, the region it implies for national numbers, and its messages: importing this module
// installs browser.i18n.getMessage as the source of shared/i18n.ts (extension pages and the background).
import browser from './browser.ts';
import { uiLocale, useMessages } from '../shared/i18n.ts';

useMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));

/** Label the page in the UI language: <html lang> and the window title. */
export function localizePage(title: string): void {
  document.documentElement.lang = uiLocale();
  document.title = title;
}

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
