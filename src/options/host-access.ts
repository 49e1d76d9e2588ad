// The options page's notice for a withheld or revoked host permission: Firefox lets users refuse a MV3
// extension's host permissions at install or remove them later, Chromium lets them be removed too. When the
// provider in use may not be contacted, say so above the form and offer to ask again; hidden otherwise.
// Lives outside #app (which the page re-renders) and follows both settings and permission changes.
import { hostAccess, onPermissionsChanged, requestHostPermission } from '../platform/permissions.ts';
import { loadSettings, onSettingsChanged } from '../platform/storage.ts';
import { h, replace } from '../ui/dom.ts';
import { t } from '../shared/i18n.ts';
import { withheldAccess } from './withheld.ts';

export function mountHostAccessNotice(before: HTMLElement): void {
  const notice = h('div', { id: 'host-access', role: 'alert', hidden: true });
  before.before(notice);
  let generation = 0;

  const show = (dohUrl: string, host: string, error?: string) => {
    replace(
      notice,
      ...withheldAccess({
        buttonId: 'host-access-grant',
        host,
        explanation: t('hostAccessExplanation', host) + (error ? ` ${t('browserSaid', error)}` : ''),
        request: () => requestHostPermission(dohUrl),
        answered: (r) => (r.ok ? void refresh() : show(dohUrl, host, r.error.message)),
      }),
      h('p', { class: 'hint' }, t('hostAccessHint')),
    );
    notice.hidden = false;
  };

  async function refresh(): Promise<void> {
    const mine = ++generation;
    // Waits for managed settings: the notice is about the provider really in use, policy included.
    const { settings } = await loadSettings();
    const access = await hostAccess(settings.dohUrl);
    if (mine !== generation) return; // a newer check started meanwhile
    if (access.granted) {
      notice.hidden = true;
      replace(notice);
    } else show(settings.dohUrl, access.host);
  }

  onSettingsChanged(() => void refresh());
  onPermissionsChanged(() => void refresh());
  void refresh();
}
