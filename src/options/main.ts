// Options page entry: wires the form to the settings store, host permissions and the background.
import { browserRegion, localizePage } from '../platform/i18n.ts';
import { t } from '../shared/i18n.ts';
import { sendMessage } from '../platform/messaging.ts';
import { requestHostPermission } from '../platform/permissions.ts';
import { saveSettings, saveSipPassword, watchSettings } from '../platform/storage.ts';
import { mountHostAccessNotice } from './host-access.ts';
import { startOptions } from './start.ts';

localizePage(t('optionsTitle'));
const root = document.getElementById('app');
if (root) {
  mountHostAccessNotice(root);
  startOptions(root, {
    watchSettings,
    save: saveSettings,
    browserRegion: browserRegion(),
    requestPermission: requestHostPermission,
    testProvider: (dohUrl, dohMethod) => sendMessage('testProvider', { dohUrl, dohMethod }),
    savePassword: saveSipPassword,
    testSip: (account) => sendMessage('testSip', account),
  });
}
