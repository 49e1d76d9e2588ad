// Typed messaging over the protocol map. Senders get a Reply (errors as data, never thrown);
// receivers get only validated messages from checked senders.
import browser, { type Runtime } from './browser.ts';
import { checkSender, parseMessage, type Message, type MessageType, type Reply } from '../shared/protocol.ts';

export { sendMessage, onContentMessage } from './runtime.ts';

export interface SenderInfo {
  /** Tab of a content script sender, undefined for extension pages. */
  tabId: number | undefined;
  frameId: number | undefined;
  url: string | undefined;
  /** The URL of a content script's tab (its top-level page) when the browser tells it; undefined otherwise. */
  tabUrl?: string | undefined;
}

type Handler = (message: Message, sender: SenderInfo) => Promise<Reply<MessageType>>;

/**
 * Register the one message listener (call at top level of the background script).
 * Checks (src/shared/protocol.ts checkSender): the message comes from this extension (sender.id), content scripts
 * may send only CONTENT_SCRIPT_MESSAGES, everything else must come from an extension page (sender.url on our origin).
 */
export function onMessage(handler: Handler): void {
  const ownOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = parseMessage(raw);
    if (!parsed.ok) return Promise.resolve(parsed);
    const facts = { id: sender.id, hasTab: sender.tab !== undefined, url: sender.url };
    const kind = checkSender(parsed.value.type, facts, browser.runtime.id, ownOrigin);
    if (!kind.ok) return Promise.resolve(kind);
    const info: SenderInfo = {
      tabId: kind.value === 'content' ? sender.tab?.id : undefined,
      frameId: sender.frameId,
      url: sender.url,
      tabUrl: kind.value === 'content' ? sender.tab?.url : undefined,
    };
    return handler(parsed.value, info).catch((e: unknown) => ({
      ok: false,
      error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
    }));
  });
}
