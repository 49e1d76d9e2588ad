// The content script proper, started by index.ts only on pages that may hold numbers. It follows the settings
// live (README "Settings": changes apply to open tabs without a reload): a switched-off site loses its
// highlights, a switched-on one is scanned again. It starts from storage.local at once and applies the managed
// values when they arrive (a fresh browser's first storage.managed read takes seconds: bench:page cold start).
import { onContentMessage, watchSettings, type PageLoadedSettings } from '../platform/content.ts';
import { pageOptsOut } from './dom/skip-rules.ts';
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

export function start(doc: Document = document): void {
  // `<meta name="format-detection" content="telephone=no">`: the page opts out (skip-rules.ts).
  if (pageOptsOut(doc)) return;
  let session: Session | undefined;
  const apply = ({ settings }: PageLoadedSettings) => {
    const off = hostnames().some((h) => settings.disabledSites.includes(h));
    if (session && (off || !session.update(settings))) {
      session.stop();
      session = undefined;
    }
    if (!off && !session) session = new Session(doc, settings).start();
  };
  onContentMessage((message) => void session?.showCardForSelection(message.payload.text));
  watchSettings(apply);
}
