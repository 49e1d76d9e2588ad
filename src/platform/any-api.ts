// Browser-API code written once for both API styles of platform/: webextension-polyfill's `browser` (extension
// pages and the background) and the browsers' own promise APIs (the content script, see content.ts). Both hand
// in the few members used here, so settings and replies behave the same in every context.
import { SETTINGS_STORAGE_KEY, type SettingsReader } from '../shared/settings-parse.ts';
import type { Settings } from '../shared/settings.ts';
import { err, type Result } from '../core/result.ts';
import type { MessageType, ProtocolError, ProtocolMap, Reply } from '../shared/protocol.ts';
import { EVENTS_PORT, parseEvent, type ViewEvent } from '../shared/events.ts';

/** Every setting (extension pages, background) or the content script's part (shared/page-settings.ts). */
export interface LoadedSettings<S = Settings> {
  settings: S;
  /** Keys an administrator fixed through storage.managed: shown locked, never stored locally. */
  locked: (keyof S)[];
}

/** What settings need of browser.storage / chrome.storage. */
export interface StorageAreas {
  local: { get(keys: string): Promise<Record<string, unknown>> };
  managed: { get(keys: null): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
    removeListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
  };
}

async function readManaged(areas: StorageAreas): Promise<Record<string, unknown>> {
  try {
    // Throws (Firefox) or returns {} when no policy is set or no managed schema is supported.
    return ((await areas.managed.get(null)) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const readLocal = async (areas: StorageAreas): Promise<unknown> =>
  (await areas.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];

function parse<S>(reader: SettingsReader<S>, stored: unknown, policy: Record<string, unknown>): LoadedSettings<S> {
  const { settings, warnings } = reader.parse(stored, policy);
  for (const w of warnings) console.warn(`[enum-presence] ${w}`);
  return { settings, locked: reader.locked(policy) };
}

// Separate functions, not one object, so that a bundle keeps only the ones it calls (the content script's budget).

/** Local and managed settings; waits for storage.managed (in a fresh Chromium profile the first read takes seconds). */
export async function loadSettingsFrom<S>(areas: StorageAreas, reader: SettingsReader<S>): Promise<LoadedSettings<S>> {
  const [stored, policy] = await Promise.all([readLocal(areas), readManaged(areas)]);
  return parse(reader, stored, policy);
}

/** Call `listener` with fresh settings (managed included) whenever local or managed settings change. */
export function onSettingsChangeIn<S>(
  areas: StorageAreas,
  reader: SettingsReader<S>,
  listener: (loaded: LoadedSettings<S>) => void,
): void {
  areas.onChanged.addListener((changes, area) => {
    if ((area === 'local' && SETTINGS_STORAGE_KEY in changes) || area === 'managed')
      void loadSettingsFrom(areas, reader).then(listener);
  });
}

/**
 * Settings without waiting for policy: `listener` gets the local settings as soon as storage.local answers,
 * again with managed values applied (and locked) when storage.managed answers, and again on every change.
 * Returns a function that stops the calls.
 */
export function watchSettingsIn<S>(
  areas: StorageAreas,
  reader: SettingsReader<S>,
  listener: (loaded: LoadedSettings<S>) => void,
): () => void {
  let stopped = false;
  let local: unknown;
  let localKnown = false;
  let policy: Record<string, unknown> | undefined;
  const emit = () => !stopped && listener(parse(reader, local, policy ?? {}));
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SETTINGS_STORAGE_KEY in changes) void readLocal(areas).then((v) => ((local = v), emit()));
    if (area === 'managed') void readManaged(areas).then((v) => ((policy = v), emit()));
  };
  areas.onChanged.addListener(onChanged);
  // Managed values are applied when they come (a policy that is set wins over what was shown meanwhile);
  // when they come first, the one call already has them.
  void readManaged(areas).then((v) => {
    policy = v;
    if (localKnown && Object.keys(v).length > 0) emit();
  });
  void readLocal(areas).then((v) => {
    local = v;
    localKnown = true;
    emit();
  });
  return () => {
    stopped = true;
    areas.onChanged.removeListener(onChanged);
  };
}

/** Send a message to the background and wait for its Reply; transport failures become `unreachable`. */
export async function requestVia<K extends MessageType>(
  send: (message: unknown) => Promise<unknown>,
  type: K,
  payload: ProtocolMap[K]['request'],
): Promise<Reply<K>> {
  try {
    const reply = (await send({ type, payload })) as Reply<K> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return err('unreachable', 'The extension did not answer.');
  } catch (e) {
    return err('unreachable', e instanceof Error ? e.message : String(e));
  }
}

/** A thrown error as the `internal` error of a reply. */
export const internalError = (e: unknown): Result<never, ProtocolError> =>
  err('internal', e instanceof Error ? e.message : String(e));

/** What a view needs of a runtime.Port (polyfill and native alike). */
export interface PortLike {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/**
 * View: receive the background's events (validated) until the returned function is called. A stopped service
 * worker closes the port; the view connects again after a moment and `onReconnect` runs, since events may have
 * been missed meanwhile.
 */
export function subscribeVia(
  connect: (name: string) => PortLike,
  listener: (event: ViewEvent) => void,
  onReconnect: () => void,
): () => void {
  let port: PortLike | undefined;
  let closed = false;
  const open = (again: boolean) => {
    port = connect(EVENTS_PORT);
    port.onMessage.addListener((raw) => {
      const event = parseEvent(raw);
      if (event.ok) listener(event.value);
    });
    port.onDisconnect.addListener(() => {
      if (!closed) setTimeout(() => open(true), 250);
    });
    if (again) onReconnect();
  };
  open(false);
  return () => {
    closed = true;
    port?.disconnect();
  };
}
