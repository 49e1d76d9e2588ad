// Options page entry: wires the form to the settings store, host permissions and the background.
import { sendMessage } from '../platform/messaging.ts';
import { browserRegion, requestHostPermission } from '../platform/pages.ts';
import { loadSettings, onSettingsChanged, saveSettings } from '../platform/settings-store.ts';
import { mountHostAccessNotice } from './host-access.ts';
import { renderOptions } from './page.ts';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  mountHostAccessNotice(root);
  const page = renderOptions(root, await loadSettings(), {
    save: saveSettings,
    browserRegion: browserRegion(),
    requestPermission: requestHostPermission,
    testProvider: (dohUrl, dohMethod) => sendMessage('testProvider', { dohUrl, dohMethod }),
  });
  onSettingsChanged((loaded) => page.update(loaded));
}

void main();
