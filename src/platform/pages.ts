// Browser APIs the popup and options page need beyond messaging and settings: the current tab,
// host permissions for a custom DoH provider, the browser's UI locale, opening the options page.
import browser from './browser.ts';

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

/** Chromium match patterns may hold a port; Firefox's cannot (Firefox bug 1362809) and then match every port. */
function patternsHoldPorts(): boolean {
  try {
    return !browser.runtime.getURL('').startsWith('moz-extension:');
  } catch {
    return false;
  }
}

/**
 * The match pattern granting the extension access to a DoH server: its scheme, host and — where the browser
 * allows it — its port (the default one when the URL names none), so that allowing a custom provider does not
 * allow every other service on its host. Firefox patterns cannot hold a port and cover every port.
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return patternsHoldPorts() ? `${u.protocol}//${u.hostname}:${port}/*` : `${u.protocol}//${u.hostname}/*`;
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

/**
 * Region of the browser's UI locale, as the background picks it for an empty default region:
 * the locale's own region or its language's most likely one ("en-GB" → GB, "de" → DE); "" when unknown.
 */
export function browserRegion(): string {
  try {
    const region = new Intl.Locale(browser.i18n.getUILanguage().replace(/_/g, '-')).maximize().region ?? '';
    return /^[A-Z]{2}$/.test(region) ? region : '';
  } catch {
    return '';
  }
}

export function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}
