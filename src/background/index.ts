// Background service worker (Chromium) / event page (Firefox).
// Every listener is registered synchronously at top level: MV3 stops idle workers and only replays events to
// listeners that exist right after start. State (cache, tab numbers) lives in storage.session.
import '../platform/i18n.ts'; // installs the browser's messages for shared/i18n.ts
import { t } from '../shared/i18n.ts';
import { acceptViews, onMessage } from '../platform/messaging.ts';
import { onContextMenuClick, registerContextMenu } from '../platform/menus.ts';
import { onTabNavigated, onTabRemoved, sendToTab } from '../platform/tabs.ts';
import { dispatch, tabChanged } from './handlers.ts';
import { afterSettingsChanged, tabNumbers } from './state.ts';
import { audience, presence } from './presence/index.ts';
import { onSipPasswordChanged } from '../platform/storage.ts';

onMessage(dispatch);
acceptViews((view) => audience.forget(view.key));
registerContextMenu(t('menuLookUp'));
// Keyboard users reach the hover card through the context menu on a selected number.
onContextMenuClick((tabId, frameId, text) =>
  sendToTab(tabId, frameId, { type: 'showCardForSelection', payload: { text: text.slice(0, 200) } }),
);
onTabRemoved((tabId) => {
  audience.forgetTab(tabId);
  void tabNumbers.forget(tabId);
});
onTabNavigated((tabId) => void tabNumbers.forget(tabId).then(() => tabChanged(tabId)));
// Live presence: after a worker restart, re-subscribe what is still wanted (storage.session); follow the account.
void presence.restore();
afterSettingsChanged(() => void presence.accountChanged());
onSipPasswordChanged(() => void presence.accountChanged());
