// The options page's notice for a withheld or revoked host permission (issue 5): Firefox lets users refuse a
// MV3 extension's host permissions at install or remove them later, Chromium lets them be removed too. When the
// provider in use may not be contacted, say so above the form and offer to ask again; hidden otherwise.
// Lives outside #app (which the page re-renders) and follows both settings and permission changes.
import { hostAccess, onPermissionsChanged } from '../platform/permissions.ts';
import { requestHostPermission } from '../platform/pages.ts';
import { loadSettings, onSettingsChanged } from '../platform/settings-store.ts';
import { h, replace } from '../ui/dom.ts';

export function mountHostAccessNotice(before: HTMLElement): void {
  const notice = h('div', { id: 'host-access', role: 'alert', hidden: true });
  notice.style.cssText = 'max-width:42rem;margin:1rem auto 0;padding:.5rem 1rem;border:2px solid currentColor;border-radius:6px';
  before.before(notice);
  let generation = 0;

  const show = (dohUrl: string, host: string, error?: string) => {
    const allow = h('button', { type: 'button', id: 'host-access-grant' }, `Allow access to ${host}`);
    // The request must start inside the click, before any await, or the browser refuses it.
    allow.addEventListener('click', () => {
      void requestHostPermission(dohUrl).then((r) => {
        if (!r.granted) show(dohUrl, host, r.error ?? 'the browser did not grant it');
        else void refresh();
      });
    });
    replace(
      notice,
      h('p', { class: 'error' },
        `ENUM Presence may not contact ${host}, the DNS-over-HTTPS server it is set to use. `,
        'The browser withheld or removed this access, so no phone number can be looked up until you allow it',
        error ? ` (not allowed: ${error}).` : '.'),
      allow,
      h('p', { class: 'hint' }, 'Or choose another provider below. In Firefox this access is also listed under Add-ons and themes → ENUM Presence → Permissions.'),
    );
    notice.hidden = false;
  };

  async function refresh(): Promise<void> {
    const mine = ++generation;
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
