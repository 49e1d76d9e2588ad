// Typed messaging over the protocol maps, for the extension pages and the background (webextension-polyfill).
// Requests: senders get a Reply (errors as data, never thrown); the background's one receiver gets only validated
// messages from checked senders. Events (shared/events.ts): views subscribe over a port, the background posts.
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
import { EVENTS_PORT, type ViewEvent } from '../shared/events.ts';
import { internalError, requestVia, subscribeVia } from './any-api.ts';

export interface SenderInfo {
  /** Tab of a content script sender, undefined for extension pages. */
  tabId: number | undefined;
  frameId: number | undefined;
  url: string | undefined;
  /** The URL of a content script's tab (its top-level page) when the browser tells it; undefined otherwise. */
  tabUrl?: string | undefined;
}

type Handler = (message: Message, sender: SenderInfo) => Promise<Reply<MessageType>>;

const ownOrigin = () => browser.runtime.getURL('/').replace(/\/$/, '');
const facts = (sender: Runtime.MessageSender | undefined) => ({
  id: sender?.id,
  hasTab: sender?.tab !== undefined,
  url: sender?.url,
});

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
    };
    return handler(parsed.value, info).catch(internalError);
  });
}

const views = new Set<Runtime.Port>();

/** Background: accept views' event ports (call at top level). Ports live as long as their view. */
export function acceptViews(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== EVENTS_PORT || !senderKind(facts(port.sender), browser.runtime.id, ownOrigin()).ok)
      return port.disconnect();
    views.add(port);
    port.onDisconnect.addListener(() => views.delete(port));
  });
}

/** Background: post an event to every connected view. */
export function broadcast(event: ViewEvent): void {
  for (const port of views) {
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
