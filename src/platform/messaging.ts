// Typed messaging over the protocol maps, for the extension pages and the background (webextension-polyfill).
// Requests: senders get a Reply (errors as data, never thrown); the background's one receiver gets only validated
// messages from checked senders. Events (shared/events.ts): views subscribe over a port, the background posts each
// event to its audience (EVENT_AUDIENCE).
import browser, { type Runtime } from './browser.ts';
import {
  checkSender,
  parseMessage,
  senderKind,
  type Message,
  type MessageType,
  type ProtocolMap,
  type Reply,
} from '../shared/protocol.ts';
import { EVENT_AUDIENCE, EVENTS_PORT, type ViewEvent, type ViewKey } from '../shared/events.ts';
import { internalError, requestVia, subscribeVia } from './any-api.ts';

export interface SenderInfo {
  /** Tab of a content script sender, undefined for extension pages. */
  tabId: number | undefined;
  frameId: number | undefined;
  url: string | undefined;
  /** The URL of a content script's tab (its top-level page) when the browser tells it; undefined otherwise. */
  tabUrl?: string | undefined;
  /** The sending view, named as its event port is (viewKeyOf). */
  view: ViewKey;
}

type Handler = (message: Message, sender: SenderInfo) => Promise<Reply<MessageType>>;

const ownOrigin = () => browser.runtime.getURL('/').replace(/\/$/, '');
const facts = (sender: Runtime.MessageSender | undefined) => ({
  id: sender?.id,
  hasTab: sender?.tab !== undefined,
  url: sender?.url,
});

/**
 * A view's name from what the browser says of the sender, identical for its messages and its port: tab, frame
 * and, where the browser gives it (Chromium 106+), the document, so a page that replaced another in the same
 * frame is a new view. Firefox gives no documentId: there the old page's port closes when it unloads, and its
 * view is forgotten with it (acceptViews `closed`).
 */
export function viewKeyOf(sender: Runtime.MessageSender | undefined): ViewKey {
  const tab = sender?.tab?.id;
  const documentId = (sender as { documentId?: unknown } | undefined)?.documentId;
  const doc = typeof documentId === 'string' ? documentId : '';
  return { key: `${tab ?? '-'}/${sender?.frameId ?? '-'}/${doc}`, tab };
}

/** Send a message to the background and wait for its Reply; transport failures become `unreachable`. */
export function sendMessage<K extends MessageType>(type: K, payload: ProtocolMap[K]['request']): Promise<Reply<K>> {
  return requestVia((m) => browser.runtime.sendMessage(m), type, payload);
}

/**
 * Register the one message listener (call at top level of the background script).
 * Checks (shared/protocol.ts checkSender): the message comes from this extension (sender.id), content scripts
 * may send only CONTENT_SCRIPT_MESSAGES, everything else must come from an extension page (sender.url on our origin).
 */
export function onMessage(handler: Handler): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = parseMessage(raw);
    if (!parsed.ok) return Promise.resolve(parsed);
    const kind = checkSender(parsed.value.type, facts(sender), browser.runtime.id, ownOrigin());
    if (!kind.ok) return Promise.resolve(kind);
    const info: SenderInfo = {
      tabId: kind.value === 'content' ? sender.tab?.id : undefined,
      frameId: sender.frameId,
      url: sender.url,
      tabUrl: kind.value === 'content' ? sender.tab?.url : undefined,
      view: viewKeyOf(sender),
    };
    return handler(parsed.value, info).catch(internalError);
  });
}

interface ConnectedView {
  kind: 'page' | 'content';
  view: ViewKey;
}

const views = new Map<Runtime.Port, ConnectedView>();

/**
 * Background: accept views' event ports (call at top level). Ports live as long as their view; `closed` hears
 * when one goes.
 */
export function acceptViews(closed: (view: ViewKey) => void = () => {}): void {
  browser.runtime.onConnect.addListener((port) => {
    const kind = senderKind(facts(port.sender), browser.runtime.id, ownOrigin());
    if (port.name !== EVENTS_PORT || !kind.ok) return port.disconnect();
    const view = viewKeyOf(port.sender);
    views.set(port, { kind: kind.value, view });
    port.onDisconnect.addListener(() => {
      views.delete(port);
      closed(view);
    });
  });
}

/**
 * Background: post an event to its audience (shared/events.ts EVENT_AUDIENCE): `pages` events to the extension's
 * own pages; `watchers` events to the views for which `hears(view key)` is true.
 */
export function postEvent(event: ViewEvent, hears: (view: string) => boolean = () => false): void {
  const audience = EVENT_AUDIENCE[event.type];
  for (const [port, { kind, view }] of views) {
    if (audience === 'pages' ? kind !== 'page' : !hears(view.key)) continue;
    try {
      port.postMessage(event);
    } catch {
      views.delete(port); // its view closed meanwhile
    }
  }
}

/** View: receive the background's events until the returned function is called (see any-api.ts). */
export function subscribe(listener: (event: ViewEvent) => void, onReconnect: () => void = () => {}): () => void {
  return subscribeVia((name) => browser.runtime.connect({ name }), listener, onReconnect);
}
