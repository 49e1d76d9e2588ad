// Background service worker (Chromium) / event page (Firefox).
// Every listener is registered synchronously at top level: MV3 stops idle workers and only replays events to
// listeners that exist right after start. State (cache, tab numbers) lives in storage.session.
import { onMessage } from '../platform/messaging.ts';
import { onContextMenuClick, onTabNavigated, onTabRemoved, registerContextMenu, sendToTab } from '../platform/background-apis.ts';
import { dispatch, updateBadge } from './handlers.ts';
import { tabNumbers } from './state.ts';

onMessage(dispatch);
registerContextMenu('Look up this number in ENUM');
// Keyboard users reach the hover card through the context menu on a selected number (issue 3).
onContextMenuClick((tabId, frameId, text) => sendToTab(tabId, frameId, { type: 'showCardForSelection', payload: { text: text.slice(0, 200) } }));
onTabRemoved((tabId) => void tabNumbers.forget(tabId));
onTabNavigated((tabId) => void tabNumbers.forget(tabId).then(() => updateBadge(tabId)));
