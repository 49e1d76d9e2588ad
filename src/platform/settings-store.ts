// Settings persistence: storage.local["settings"] holds only what differs from the defaults;
// storage.managed (administrator policy) wins. Invalid stored values fall back with a logged warning.
import browser from './browser.ts';
import { diffFromDefaults, managedKeys, SETTINGS_STORAGE_KEY, type Settings } from '../shared/settings.ts';
import { readManaged } from './runtime.ts';

export { loadSettings, onSettingsChanged, type LoadedSettings } from './runtime.ts';

/** Persist settings (only the differences from the defaults). Managed keys are never stored locally. */
export async function saveSettings(settings: Settings): Promise<void> {
  const managed = await readManaged();
  const diff: Record<string, unknown> = diffFromDefaults(settings);
  for (const key of managedKeys(managed)) delete diff[key];
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: diff });
}
