// Background state lives in storage.session, never only in memory (MV3 stops idle workers).
import { sessionStore } from '../platform/background-apis.ts';
import { loadSettings, onSettingsChanged, type LoadedSettings } from '../platform/settings-store.ts';
import { TabNumbers } from './tab-numbers.ts';

export const tabNumbers = new TabNumbers(sessionStore());

// Settings are read from storage once per worker life and whenever they change, not for every message (a page
// with many numbers sends many). Only a copy of storage: a restarted worker reads them again.
let settings: Promise<LoadedSettings> | undefined;
onSettingsChanged((fresh) => {
  settings = Promise.resolve(fresh);
});

export function currentSettings(): Promise<LoadedSettings> {
  settings ??= loadSettings().catch((e: unknown) => {
    settings = undefined; // do not keep a failed read
    throw e;
  });
  return settings;
}
