// Background state lives in storage.session, never only in memory (MV3 stops idle workers).
import {
  loadSettings,
  onSettingsChanged,
  sessionStore,
  watchSettings,
  type LoadedSettings,
} from '../platform/storage.ts';
import { TabNumbers } from './tab-numbers.ts';

export const tabNumbers = new TabNumbers(sessionStore());

// Settings are read from storage once per worker life and whenever they change, not for every message (a page
// with many numbers sends many). Only a copy of storage: a restarted worker reads them again. This read waits for
// storage.managed, so a policy-chosen provider is never bypassed: the background is the one place that waits.
let settings: Promise<LoadedSettings> | undefined;
const followers: ((fresh: LoadedSettings) => void)[] = [];
onSettingsChanged((fresh) => {
  settings = Promise.resolve(fresh);
  for (const follow of followers) follow(fresh);
});

/** Call `listener` after a settings change, once currentSettings() gives the new settings. */
export function afterSettingsChanged(listener: (fresh: LoadedSettings) => void): void {
  followers.push(listener);
}

export function currentSettings(): Promise<LoadedSettings> {
  settings ??= loadSettings().catch((e: unknown) => {
    settings = undefined; // do not keep a failed read
    throw e;
  });
  return settings;
}

// What answers without the network (the popup's list of a tab's numbers) need not wait for storage.managed:
// the settings known so far, storage.local's at first.
let known: LoadedSettings | undefined;
const firstKnown = new Promise<LoadedSettings>((resolve) =>
  watchSettings((loaded) => {
    known = loaded;
    resolve(loaded);
  }),
);

/** The settings known so far, without waiting for storage.managed: never for a network lookup. */
export function knownSettings(): Promise<LoadedSettings> {
  return known ? Promise.resolve(known) : firstKnown;
}
