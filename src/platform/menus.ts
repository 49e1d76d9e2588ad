// The context menu item ("Look up this number in ENUM") for selections and tel: links (background only).
import browser from './browser.ts';

export const MENU_ID = 'enum-presence-lookup';

export function registerContextMenu(title: string): void {
  browser.runtime.onInstalled.addListener(() => {
    // 'link': keyboard users reach the card on tel: links too. A browser that refuses the tel: pattern still gets
    // the selection item.
    browser.contextMenus.create(
      { id: MENU_ID, title, contexts: ['selection', 'link'], targetUrlPatterns: ['tel:*'] },
      () => {
        if (browser.runtime.lastError) browser.contextMenus.create({ id: MENU_ID, title, contexts: ['selection'] });
      },
    );
  });
}

export function onContextMenuClick(listener: (tabId: number, frameId: number, selection: string) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    // A selection wins; on a tel: link the number is the link target (RFC 3966 "tel:" stripped).
    const text =
      info.selectionText ?? (info.linkUrl?.startsWith('tel:') ? decodeURIComponent(info.linkUrl.slice(4)) : undefined);
    if (typeof text === 'string' && text !== '') listener(tab.id, info.frameId ?? 0, text);
  });
}
