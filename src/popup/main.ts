// Popup entry: wires the view to the background (messages and events), settings and the current tab.
// It renders from storage.local at once and applies managed values when they arrive (a fresh profile's first
// storage.managed read takes seconds); the tab's numbers follow the background's events, no polling.
import { err } from '../core/result.ts';
import { browserRegion, localizePage } from '../platform/i18n.ts';
import { t } from '../shared/i18n.ts';
import { sendMessage, subscribe } from '../platform/messaging.ts';
import { saveSettings, watchSettings, type LoadedSettings } from '../platform/storage.ts';
import { currentTab, openOptionsPage } from '../platform/tabs.ts';
import { validateSetting } from '../shared/settings.ts';
import { renderPopup, type PopupModel, type PopupView } from './view.ts';

function webHostname(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  localizePage(t('extName'));
  const tab = await currentTab();
  const hostname = webHostname(tab?.url);
  const modelOf = ({ settings, locked }: LoadedSettings): PopupModel => ({
    region: settings.defaultRegion || browserRegion(),
    hostname,
    siteEnabled: !hostname || !settings.disabledSites.includes(hostname),
    siteLocked: locked.includes('disabledSites'),
  });
  let view: PopupView | undefined;
  let latest: LoadedSettings;
  async function refresh(): Promise<void> {
    const reply = tab && hostname ? await sendMessage('getTabNumbers', { tabId: tab.id }) : undefined;
    view?.showNumbers(reply);
    // The listed numbers are looked at: the background watches their presence while the popup shows them.
    for (const n of reply?.ok ? reply.value.numbers : []) if (n.result?.pres.length) void watch(n.e164, tab?.id);
  }
  /** Ask the background to watch a number's presence; what it knows now is shown, changes follow as events. */
  async function watch(e164: string, tabId?: number): Promise<void> {
    const reply = await sendMessage('viewPresence', tabId === undefined ? { e164 } : { e164, tabId });
    if (reply.ok) view?.showPresence(reply.value.presence);
  }
  watchSettings((loaded) => {
    latest = loaded;
    if (view) return view.setModel(modelOf(loaded));
    view = renderPopup(root, modelOf(loaded), {
      inspect: async (input) => {
        const reply = await sendMessage('inspectNumber', {
          input,
          region: latest.settings.defaultRegion || browserRegion(),
        });
        if (reply.ok && reply.value.pres.length) void watch(reply.value.e164);
        return reply;
      },
      setSiteEnabled: async (host, enabled) => {
        const { settings: now, locked } = latest;
        const sites = now.disabledSites.filter((s) => s !== host);
        if (!enabled) sites.push(host);
        const checked = validateSetting('disabledSites', sites);
        if (!checked.ok) return checked;
        try {
          await saveSettings({ ...now, disabledSites: checked.value }, locked);
          return { ok: true, value: null };
        } catch (e) {
          return err('storage', e instanceof Error ? e.message : String(e));
        }
      },
      clearCache: () => sendMessage('clearCache', {}),
      openOptions: openOptionsPage,
    });
    document.getElementById('inspect-input')?.focus();
    void refresh();
  });
  // Numbers arrive and resolve while the popup is open: the background says when; after a reconnect (the
  // worker was stopped) anything may have changed.
  subscribe(
    (event) => {
      if (event.type === 'presenceChanged') view?.showPresence([event.payload.entry]);
      else if (event.type === 'cacheCleared' || (event.type === 'tabNumbersChanged' && event.payload.tabId === tab?.id))
        void refresh();
    },
    () => void refresh(),
  );
}

void main();
