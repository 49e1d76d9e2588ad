// Settings and the background's session store, for the extension pages and the background (polyfill).
// storage.local["settings"] holds only what differs from the defaults; storage.managed (administrator policy)
// wins. Invalid stored values fall back with a logged warning (shared/settings.ts).
import browser from './browser.ts';
import { createMemoryStore, type KeyValueStore } from '../core/store.ts';
import {
  diffFromDefaults,
  SETTINGS,
  SETTINGS_STORAGE_KEY,
  SIP_PASSWORD_STORAGE_KEY,
  type SettingKey,
  type Settings,
} from '../shared/settings.ts';
import {
  loadSettingsFrom,
  onSettingsChangeIn,
  watchSettingsIn,
  type LoadedSettings,
  type StorageAreas,
} from './any-api.ts';

export type { LoadedSettings } from './any-api.ts';

const areas = (): StorageAreas => browser.storage as unknown as StorageAreas;

/** Local and managed settings; waits for storage.managed (the background, before its first lookup). */
export const loadSettings = (): Promise<LoadedSettings> => loadSettingsFrom(areas(), SETTINGS);

/** Local settings at once, again when managed values arrive, and on every change: pages render without waiting. */
export const watchSettings = (listener: (loaded: LoadedSettings) => void): (() => void) =>
  watchSettingsIn(areas(), SETTINGS, listener);

/** Call `listener` with fresh settings (managed included) whenever local or managed settings change. */
export const onSettingsChanged = (listener: (loaded: LoadedSettings) => void): void =>
  onSettingsChangeIn(areas(), SETTINGS, listener);

/**
 * Persist settings (only the differences from the defaults). Keys `locked` by policy, as the caller was last told
 * by watchSettings, are not stored locally; saving never waits for storage.managed.
 */
export async function saveSettings(next: Settings, locked: readonly SettingKey[]): Promise<void> {
  const diff: Record<string, unknown> = diffFromDefaults(next);
  for (const key of locked) delete diff[key];
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: diff });
}

/** The SIP password (its own storage.local key, never in settings); "" when none is stored. */
export async function loadSipPassword(): Promise<string> {
  const stored = await browser.storage.local.get(SIP_PASSWORD_STORAGE_KEY);
  const value = stored[SIP_PASSWORD_STORAGE_KEY];
  return typeof value === 'string' ? value : '';
}

/** Store the SIP password, or remove it with "". */
export async function saveSipPassword(password: string): Promise<void> {
  if (password) await browser.storage.local.set({ [SIP_PASSWORD_STORAGE_KEY]: password });
  else await browser.storage.local.remove(SIP_PASSWORD_STORAGE_KEY);
}

/** Call `listener` when the SIP password is stored, changed or removed (never with the password itself). */
export function onSipPasswordChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SIP_PASSWORD_STORAGE_KEY in changes) listener();
  });
}

/** storage.session when the browser has it (Chromium ≥ 102, Firefox ≥ 115), else an in-memory stand-in. */
export function sessionStore(): KeyValueStore {
  const area = (browser.storage as { session?: typeof browser.storage.local }).session;
  if (area) {
    return {
      get: (keys) => area.get(keys) as Promise<Record<string, unknown>>,
      set: (items) => area.set(items),
      remove: (keys) => area.remove(keys),
    };
  }
  return createMemoryStore();
}
