// Starts the options page: the form is drawn from storage.local at once and follows every settings change,
// including managed values arriving later (a fresh Chromium profile's first storage.managed read takes
// seconds: the user must not look at a blank page meanwhile). A managed value still wins and shows locked.
import type { LoadedSettings } from '../platform/any-api.ts';
import { renderOptions, type OptionsDeps, type OptionsPage } from './page.ts';

export interface OptionsPlatform extends OptionsDeps {
  /** platform/storage.ts watchSettings: local settings at once, again with managed values, then on changes. */
  watchSettings(listener: (loaded: LoadedSettings) => void): () => void;
}

export function startOptions(root: HTMLElement, platform: OptionsPlatform): () => void {
  let page: OptionsPage | undefined;
  return platform.watchSettings((loaded) => {
    if (page) page.update(loaded);
    else page = renderOptions(root, loaded, platform);
  });
}
