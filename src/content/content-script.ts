// The content script proper, started by index.ts only on pages that may hold numbers. It follows the
// settings live (settings changes apply to open tabs without a reload, issue 4): a switched-off site gets
// its original DOM back, a switched-on one is scanned again.
import { loadSettings, onContentMessage, onSettingsChanged, type LoadedSettings } from '../platform/runtime.ts';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { pageOptsOut } from './dom/where-not.ts';
import { Session } from './session.ts';

/** Hostnames this frame belongs to: its own and (Chromium) its top-level page's, so frames follow the site switch. */
function hostnames(): string[] {
  const names = [location.hostname.toLowerCase()];
  const ancestors = location.ancestorOrigins;
  if (ancestors?.length) {
    try {
      names.push(new URL(ancestors[ancestors.length - 1]!).hostname.toLowerCase());
    } catch {
      // Opaque origin: nothing to add.
    }
  }
  return names;
}

export async function start(doc: Document = document): Promise<void> {
  // `<meta name="format-detection" content="telephone=no">`: the page opts out (issue 3, "Where not").
  if (pageOptsOut(doc)) return;
  let session: Session | undefined;
  const apply = ({ settings }: LoadedSettings) => {
    const off = hostnames().some((h) => settings.disabledSites.includes(h));
    if (session && (off || !session.update(settings))) {
      session.stop();
      session = undefined;
    }
    if (!off && !session) session = new Session(doc, settings).start();
  };
  onSettingsChanged(apply);
  onContentMessage((message) => void session?.showCardForSelection(message.payload.text));
  // Detect while the settings load; write only once they say this site is on (Session `provisional`).
  const loading = loadSettings();
  session = new Session(doc, { ...DEFAULT_SETTINGS, disabledSites: [] }, true).start();
  apply(await loading);
}
