// The browser's UI language, the region it implies for national numbers, and its messages: importing this module
// installs browser.i18n.getMessage as the source of shared/i18n.ts (extension pages and the background).
import browser from './browser.ts';
import { browserRegion as regionOfLocale } from '../shared/region.ts';
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

/** Region of the browser's UI locale (src/shared/region.ts, the rule every context uses); "" when unknown. */
export function browserRegion(): string {
  return regionOfLocale(uiLanguage());
}
