// The browser's UI language, and the region it implies for national numbers.
import browser from './browser.ts';
import { browserRegion as regionOfLocale } from '../shared/region.ts';

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** Region of the browser's UI locale (src/shared/region.ts, the rule every context uses); "" when unknown. */
export function browserRegion(): string {
  return regionOfLocale(uiLanguage());
}
