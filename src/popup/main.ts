// Popup entry: wires the view to the background (messaging), settings and the current tab.
import { sendMessage } from '../platform/messaging.ts';
import { browserRegion, currentTab, openOptionsPage } from '../platform/pages.ts';
import { loadSettings, onSettingsChanged, saveSettings } from '../platform/settings-store.ts';
import { err } from '../core/result.ts';
import { validateSetting } from '../shared/settings.ts';
import { renderPopup } from './view.ts';

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
  const [{ settings, locked }, tab] = await Promise.all([loadSettings(), currentTab()]);
  const hostname = webHostname(tab?.url);
  const view = renderPopup(
    root,
    {
      region: settings.defaultRegion || browserRegion(),
      hostname,
      siteEnabled: !hostname || !settings.disabledSites.includes(hostname),
      siteLocked: locked.includes('disabledSites'),
    },
    {
      inspect: async (input) => {
        const { settings: now } = await loadSettings();
        return sendMessage('inspectNumber', { input, region: now.defaultRegion || browserRegion() });
      },
      setSiteEnabled: async (host, enabled) => {
        const { settings: now } = await loadSettings();
        const sites = now.disabledSites.filter((s) => s !== host);
        if (!enabled) sites.push(host);
        const checked = validateSetting('disabledSites', sites);
        if (!checked.ok) return checked;
        try {
          await saveSettings({ ...now, disabledSites: checked.value });
          return { ok: true, value: null };
        } catch (e) {
          return err('storage', e instanceof Error ? e.message : String(e));
        }
      },
      clearCache: async () => {
        const r = await sendMessage('clearCache', {});
        await refresh();
        return r;
      },
      openOptions: openOptionsPage,
    },
  );
  async function refresh(): Promise<void> {
    view.showNumbers(tab && hostname ? await sendMessage('getTabNumbers', { tabId: tab.id }) : undefined);
  }
  onSettingsChanged(() => void refresh());
  await refresh();
  // Numbers arrive and resolve while the popup is open (reports are batched per idle period): keep the list current.
  if (tab && hostname) setInterval(() => void refresh(), 1500);
  document.getElementById('inspect-input')?.focus();
}

void main();
