// Browser APIs the background uses, wrapped so the background never imports the polyfill itself.
import browser from './browser.ts';
import { createMemoryStore, type KeyValueStore } from '../core/store.ts';
import type { ContentMessage } from '../shared/protocol.ts';

/** storage.session when the browser has it (Chromium ≥ 102, Firefox ≥ 115), else an in-memory stand-in. */
export function sessionStore(): KeyValueStore {
  const area = (browser.storage as { session?: typeof browser.storage.local }).session;
  if (area) {
    return {
      get: (keys) => area.get(keys) as Promise<Record<string, unknown>>,
      set: (items) => area.set(items),
      remove: (keys) => area.remove(keys),
    };
  }
  return createMemoryStore();
}

export function setBadge(tabId: number, count: number): void {
  const text = count > 0 ? String(count) : '';
  // A tab may close between lookup and badge update: ignore that failure.
  browser.action.setBadgeText({ tabId, text }).catch(() => {});
  if (count > 0) browser.action.setBadgeBackgroundColor({ tabId, color: '#1a7f37' }).catch(() => {});
}

export const MENU_ID = 'enum-presence-lookup';

export function registerContextMenu(title: string): void {
  browser.runtime.onInstalled.addListener(() => {
    // 'link': keyboard users reach the card on tel: links too (issue 3). A browser that refuses the tel: pattern
    // still gets the selection item.
    browser.contextMenus.create({ id: MENU_ID, title, contexts: ['selection', 'link'], targetUrlPatterns: ['tel:*'] }, () => {
      if (browser.runtime.lastError) browser.contextMenus.create({ id: MENU_ID, title, contexts: ['selection'] });
    });
  });
}

export function onContextMenuClick(listener: (tabId: number, frameId: number, selection: string) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    // A selection wins; on a tel: link the number is the link target (RFC 3966 "tel:" stripped).
    const text = info.selectionText ?? (info.linkUrl?.startsWith('tel:') ? decodeURIComponent(info.linkUrl.slice(4)) : undefined);
    if (typeof text === 'string' && text !== '') listener(tab.id, info.frameId ?? 0, text);
  });
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

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
