// Tabs and what the browser shows per tab: the popup's current tab, messages to a tab's content script, the
// action badge, tab lifecycle events for the background, and opening the options page.
import browser from './browser.ts';
import type { ContentMessage } from '../shared/protocol.ts';

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

export function sendToTab(tabId: number, frameId: number, message: ContentMessage): void {
  browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => {});
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

export function onTabNavigated(listener: (tabId: number) => void): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url !== undefined) listener(tabId);
  });
}

/** The badge counts numbers with presence; `title` says so in words (the badge's tooltip and accessible name). */
export function setBadge(tabId: number, count: number, title: string): void {
  const text = count > 0 ? String(count) : '';
  // A tab may close between lookup and badge update: ignore that failure.
  browser.action.setBadgeText({ tabId, text }).catch(() => {});
  browser.action.setTitle({ tabId, title }).catch(() => {});
  if (count > 0) browser.action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' }).catch(() => {});
}

export function openOptionsPage(): void {
  void browser.runtime.openOptionsPage();
}
