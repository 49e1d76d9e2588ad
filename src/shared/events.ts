// The push channel: the second typed map, for events the background sends to the views (popup, options page,
// hover card) over runtime.connect ports, next to the request/response ProtocolMap. A view connects a port named
// EVENTS_PORT; the background checks the sender (senderKind) and posts each event only to its audience
// (EVENT_AUDIENCE): a page's content script never hears what another tab looked at. Events are validated on
// receipt like messages, and carry facts, not orders: a view decides what to fetch again.
import { isPresenceEntry, type PresenceEntry } from '../core/presence/entry.ts';
import type { Result } from '../core/result.ts';
import { parseTyped, type ProtocolError } from './protocol.ts';

export const EVENTS_PORT = 'enum-presence-events';

export interface EventMap {
  /** The numbers or lookup states of a tab changed (reported, looked up, forgotten on navigation). */
  tabNumbersChanged: { tabId: number };
  /** The lookup cache was cleared: shown results are gone. */
  cacheCleared: Record<string, never>;
  /** What is known of a watched presence URI changed (a NOTIFY, a refusal, a lost connection). */
  presenceChanged: { entry: PresenceEntry };
}

export type EventType = keyof EventMap;

/**
 * Who receives each event: `pages`, the extension's own pages (popup, options) only; `watchers`, only the views
 * that asked for the event's presence URI (viewPresence), each view named by its ViewKey.
 */
export const EVENT_AUDIENCE: { [K in EventType]: 'pages' | 'watchers' } = {
  tabNumbersChanged: 'pages',
  cacheCleared: 'pages',
  presenceChanged: 'watchers',
};

/**
 * A view as the browser names it, the same for its requests and its event port: `key` from the sender's tab,
 * frame and document (platform/messaging.ts viewKeyOf), `tab` the tab it lives in, if any.
 */
export interface ViewKey {
  key: string;
  tab: number | undefined;
}
export type ViewEvent<K extends EventType = EventType> = K extends EventType
  ? { type: K; payload: EventMap[K] }
  : never;

const VALIDATORS: { [K in EventType]: (p: Record<string, unknown>) => boolean } = {
  tabNumbersChanged: (p) => Number.isSafeInteger(p.tabId) && (p.tabId as number) >= 0,
  cacheCleared: () => true,
  presenceChanged: (p) => isPresenceEntry(p.entry),
};

/** Validate an untrusted value as an event: a ViewEvent, or an error saying what is wrong. */
export function parseEvent(raw: unknown): Result<ViewEvent, ProtocolError> {
  return parseTyped<ViewEvent>(VALIDATORS, raw, 'event');
}
