// Browser APIs the popup and options page need beyond messaging and settings: the current tab,
// host permissions for a custom DoH provider, the browser's UI locale, opening the options page.
import browser from './browser.ts';
import { browserRegion as regionOfLocale } from '../shared/region.ts';

export interface CurrentTab {
  id: number;
  url: string | undefined;
}

/** The active tab of the current window (the one the popup was opened on), if any. */
export async function currentTab(): Promise<CurrentTab | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
  } catch {
    return undefined;
  }
}

/**
 * The match pattern granting the extension access to a DoH server. Ports are left out: Firefox match patterns
 * cannot hold one, and in both browsers a pattern without a port matches every port.
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/** Whether the extension may already contact the server of `url`. */
export async function hasHostPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(url)] });
  } catch {
    return false;
  }
}

/**
 * Ask for access to the server of `url`. Call it synchronously from a user gesture (click, key press):
 * no `await` before it, or browsers refuse the request. Resolves false when withheld or refused.
 */
export function requestHostPermission(url: string): Promise<{ granted: boolean; error?: string }> {
  let pattern: string;
  try {
    pattern = originPattern(url);
  } catch {
    return Promise.resolve({ granted: false, error: `"${url}" is not a URL.` });
  }
  try {
    return browser.permissions.request({ origins: [pattern] }).then(
      (granted) => ({ granted }),
      (e: unknown) => ({ granted: false, error: e instanceof Error ? e.message : String(e) }),
    );
  } catch (e) {
    return Promise.resolve({ granted: false, error: e instanceof Error ? e.message : String(e) });
  }
}

/** Region of the browser's UI locale (src/shared/region.ts, the rule every context uses); "" when unknown. */
export function browserRegion(): string {
  return regionOfLocale(browser.i18n.getUILanguage());
}

export function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}
