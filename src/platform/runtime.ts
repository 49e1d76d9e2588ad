// Settings and messages on the browsers' own promise APIs, for every context: Firefox's `browser`, and
// Chromium's `chrome` in MV3 (runtime.sendMessage and storage.*.get return promises from Chrome 99/88; the
// manifest asks for 120). The content script needs exactly this and nothing of webextension-polyfill (issue 3,
// "Size": the polyfill was 2.7 KB of its 70 KB gzip budget); the background and the pages use it too, so there
// is one implementation. Settings are parsed by the one schema; replies are Results.
import { managedKeys, parseSettings, SETTINGS_STORAGE_KEY, type SettingKey, type Settings } from '../shared/settings.ts';
import { parseContentMessage, type ContentMessage, type MessageType, type ProtocolMap, type Reply } from '../shared/protocol.ts';

export interface LoadedSettings {
  settings: Settings;
  /** Keys an administrator fixed through storage.managed: shown locked, never stored locally. */
  locked: SettingKey[];
}

type Api = typeof chrome;
const api = (): Api => (globalThis as { browser?: Api }).browser ?? chrome;

type Sender = { id?: string; tab?: unknown };

export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    // Throws (Firefox) or returns {} when no policy is set or no managed schema is supported.
    return ((await api().storage.managed.get(null)) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function loadSettings(): Promise<LoadedSettings> {
  const [stored, managed] = await Promise.all([api().storage.local.get(SETTINGS_STORAGE_KEY), readManaged()]);
  const { settings, warnings } = parseSettings(stored[SETTINGS_STORAGE_KEY], managed);
  for (const w of warnings) console.warn(`[enum-presence] ${w}`);
  return { settings, locked: managedKeys(managed) };
}

/**
 * The settings from storage.local alone (a few ms): what a page renders with at once. storage.managed can take
 * seconds on a freshly started browser; `loadSettings` (and `onSettingsChanged`) bring its values when they come.
 */
export async function loadLocalSettings(): Promise<LoadedSettings> {
  const stored = await api().storage.local.get(SETTINGS_STORAGE_KEY);
  return { settings: parseSettings(stored[SETTINGS_STORAGE_KEY], {}).settings, locked: [] };
}

/** Call `listener` with fresh settings whenever local or managed settings change (applies to open tabs live). */
export function onSettingsChanged(listener: (loaded: LoadedSettings) => void): void {
  api().storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' && SETTINGS_STORAGE_KEY in changes) || area === 'managed') void loadSettings().then(listener);
  });
}

/** Send a message to the background and wait for its Reply; transport failures become `{code: 'unreachable'}`. */
export async function sendMessage<K extends MessageType>(type: K, payload: ProtocolMap[K]['request']): Promise<Reply<K>> {
  try {
    const reply = (await api().runtime.sendMessage({ type, payload })) as Reply<K> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { code: 'unreachable', message: 'The extension did not answer.' } };
  } catch (e) {
    return { ok: false, error: { code: 'unreachable', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Receive messages from our background only (sender.id check, then validation). */
export function onContentMessage(listener: (message: ContentMessage) => void): void {
  const { runtime } = api();
  runtime.onMessage.addListener((raw: unknown, sender: Sender) => {
    if (sender.id !== runtime.id || sender.tab) return undefined;
    const message = parseContentMessage(raw);
    if (message) listener(message);
    return undefined;
  });
}
