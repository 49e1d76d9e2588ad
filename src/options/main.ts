// Options page entry: wires the form to the settings store, host permissions and the background.
// The settings read starts first: the form is drawn when storage.local answers (a round trip to the browser
// process, slow in a freshly started browser), and the page's other start-up work (the extension's messages, the
// host-access check) runs meanwhile instead of before it.
import { browserRegion, localizePage } from '../platform/i18n.ts';
import { t } from '../shared/i18n.ts';
import { sendMessage } from '../platform/messaging.ts';
import { requestHostPermission } from '../platform/permissions.ts';
import { saveSettings, saveSipPassword, watchSettings } from '../platform/storage.ts';
import { mountHostAccessNotice } from './host-access.ts';
import { startOptions } from './start.ts';

const root = document.getElementById('app');
if (root) {
  startOptions(root, {
    watchSettings,
    save: saveSettings,
    browserRegion: browserRegion(),
    requestPermission: requestHostPermission,
    testProvider: (dohUrl, dohMethod) => sendMessage('testProvider', { dohUrl, dohMethod }),
    savePassword: saveSipPassword,
    testSip: (account) => sendMessage('testSip', account),
  });
  mountHostAccessNotice(root);
}
localizePage(t('optionsTitle'));
