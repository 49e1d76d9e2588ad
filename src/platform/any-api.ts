// Browser-API code written once for both API styles of platform/: webextension-polyfill's `browser` (extension
// pages and the background) and the browsers' own promise APIs (the content script, see content.ts). Both hand
// in the few members used here, so settings and replies behave the same in every context.
import { parseSettings, managedKeys, SETTINGS_STORAGE_KEY, type SettingKey, type Settings } from '../shared/settings.ts';
import { err, type Result } from '../core/result.ts';
import type { MessageType, ProtocolError, ProtocolMap, Reply } from '../shared/protocol.ts';

export interface LoadedSettings {
  settings: Settings;
  /** Keys an administrator fixed through storage.managed: shown locked, never stored locally. */
  locked: SettingKey[];
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

export interface SettingsSource {
  /** Local and managed settings; waits for storage.managed (in a fresh Chromium profile the first read takes seconds). */
  load(): Promise<LoadedSettings>;
  /**
   * Settings without waiting for policy: `listener` gets the local settings as soon as storage.local answers,
   * again with managed values applied (and locked) when storage.managed answers, and again on every change.
   * Returns a function that stops the calls.
   */
  watch(listener: (loaded: LoadedSettings) => void): () => void;
}

export function settingsSource(areas: StorageAreas): SettingsSource {
  const readManaged = async (): Promise<Record<string, unknown>> => {
    try {
      // Throws (Firefox) or returns {} when no policy is set or no managed schema is supported.
      return ((await areas.managed.get(null)) ?? {}) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const readLocal = async () => (await areas.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];
  const parse = (stored: unknown, policy: Record<string, unknown>): LoadedSettings => {
    const { settings, warnings } = parseSettings(stored, policy);
    for (const w of warnings) console.warn(`[enum-presence] ${w}`);
    return { settings, locked: managedKeys(policy) };
  };
  const load = async () => {
    const [stored, policy] = await Promise.all([readLocal(), readManaged()]);
    return parse(stored, policy);
  };
  return {
    load,
    watch(listener) {
      let stopped = false;
      let local: unknown;
      let localKnown = false;
      let policy: Record<string, unknown> | undefined;
      const emit = () => !stopped && listener(parse(local, policy ?? {}));
      const onChanged = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local' && SETTINGS_STORAGE_KEY in changes) void readLocal().then((v) => ((local = v), emit()));
        if (area === 'managed') void readManaged().then((v) => ((policy = v), emit()));
      };
      areas.onChanged.addListener(onChanged);
      // Managed values are applied when they come (a policy that is set wins over what was shown meanwhile);
      // when they come first, the one call already has them.
      void readManaged().then((v) => {
        policy = v;
        if (localKnown && Object.keys(v).length > 0) emit();
      });
      void readLocal().then((v) => {
        local = v;
        localKnown = true;
        emit();
      });
      return () => {
        stopped = true;
        areas.onChanged.removeListener(onChanged);
      };
    },
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
export const internalError = (e: unknown): Result<never, ProtocolError> => err('internal', e instanceof Error ? e.message : String(e));
