// The content script's platform, on the browsers' own promise APIs: Firefox's `browser`, and Chromium's
// `chrome` in MV3 (runtime.sendMessage and storage.*.get return promises from Chrome 99/88; the manifest asks for
// 120). Only the content script uses this file: webextension-polyfill would cost 2.7 KB of its 70 KB gzip budget
// (README "Tests and benchmarks"). The logic is shared with the polyfill side (any-api.ts); so is the sender check.
import {
  parseContentMessage,
  senderKind,
  type ContentMessage,
  type MessageType,
  type ProtocolMap,
  type Reply,
} from '../shared/protocol.ts';
import type { ViewEvent } from '../shared/events.ts';
import {
  requestVia,
  loadSettingsFrom,
  onSettingsChangeIn,
  watchSettingsIn,
  subscribeVia,
  type LoadedSettings,
  type StorageAreas,
} from './any-api.ts';
import { useMessages } from '../shared/i18n.ts';
import { PAGE_SETTINGS, type PageSettings } from '../shared/page-settings.ts';

/** The content script reads only the page settings (shared/page-settings.ts), layered as everywhere else. */
export type PageLoadedSettings = LoadedSettings<PageSettings>;

type Api = typeof chrome;
const api = (): Api => (globalThis as { browser?: Api }).browser ?? chrome;

const areas = (): StorageAreas => api().storage as unknown as StorageAreas;

// The card's words: the extension's messages in the browser's UI language, never the page's.
useMessages((key, substitutions) => api().i18n.getMessage(key, substitutions));

/** Local and managed settings (waits for storage.managed). */
export const loadSettings = (): Promise<PageLoadedSettings> => loadSettingsFrom(areas(), PAGE_SETTINGS);

/** Local settings at once, again when managed values arrive, and on every change (see any-api.ts). */
export const watchSettings = (listener: (loaded: PageLoadedSettings) => void): (() => void) =>
  watchSettingsIn(areas(), PAGE_SETTINGS, listener);

/** Call `listener` with fresh settings whenever local or managed settings change (applies to open tabs live). */
export const onSettingsChanged = (listener: (loaded: PageLoadedSettings) => void): void =>
  onSettingsChangeIn(areas(), PAGE_SETTINGS, listener);

/** Send a message to the background and wait for its Reply; transport failures become `unreachable`. */
export function sendMessage<K extends MessageType>(type: K, payload: ProtocolMap[K]['request']): Promise<Reply<K>> {
  return requestVia((m) => api().runtime.sendMessage(m), type, payload);
}

/** Receive messages from our background only (the one sender check, then validation). */
export function onContentMessage(listener: (message: ContentMessage) => void): void {
  const { runtime } = api();
  const ownOrigin = runtime.getURL('/').replace(/\/$/, '');
  runtime.onMessage.addListener((raw: unknown, sender: chrome.runtime.MessageSender) => {
    // Only the background (our origin, no tab) talks to content scripts.
    const from = senderKind(
      { id: sender.id, hasTab: sender.tab !== undefined, url: sender.url },
      runtime.id,
      ownOrigin,
    );
    if (!from.ok || from.value !== 'page') return undefined;
    const message = parseContentMessage(raw);
    if (message) listener(message);
    return undefined;
  });
}

/** The background's events (shared/events.ts) for the hover card, until the returned function is called. */
export function subscribe(listener: (event: ViewEvent) => void, onReconnect: () => void = () => {}): () => void {
  return subscribeVia((name) => api().runtime.connect({ name }), listener, onReconnect);
}
