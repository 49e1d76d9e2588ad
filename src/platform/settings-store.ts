// Settings persistence: storage.local["settings"] holds only what differs from the defaults;
// storage.managed (administrator policy) wins. Invalid stored values fall back with a logged warning.
import browser from './browser.ts';
import { diffFromDefaults, managedKeys, parseSettings, SETTINGS_STORAGE_KEY, type SettingKey, type Settings } from '../shared/settings.ts';

async function readManaged(): Promise<Record<string, unknown>> {
  try {
    // Throws (Firefox) or returns {} when no policy is set or no managed schema is supported.
    return ((await browser.storage.managed.get(null)) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export interface LoadedSettings {
  settings: Settings;
  locked: SettingKey[];
}

export async function loadSettings(): Promise<LoadedSettings> {
  const [stored, managed] = await Promise.all([browser.storage.local.get(SETTINGS_STORAGE_KEY), readManaged()]);
  const { settings, warnings } = parseSettings(stored[SETTINGS_STORAGE_KEY], managed);
  for (const w of warnings) console.warn(`[enum-presence] ${w}`);
  return { settings, locked: managedKeys(managed) };
}

/** Persist settings (only the differences from the defaults). Managed keys are never stored locally. */
export async function saveSettings(settings: Settings): Promise<void> {
  const managed = await readManaged();
  const diff: Record<string, unknown> = diffFromDefaults(settings);
  for (const key of managedKeys(managed)) delete diff[key];
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: diff });
}

/** Call `listener` with fresh settings whenever local or managed settings change (applies to open tabs live). */
export function onSettingsChanged(listener: (loaded: LoadedSettings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' && SETTINGS_STORAGE_KEY in changes) || area === 'managed') void loadSettings().then(listener);
  });
}
