// Who hears which presence changes: each view (a page's content script, the popup, an extension page) receives
// the presenceChanged events of the presence URIs it asked to watch (viewPresence) and nothing else, so a page
// in one tab never learns which numbers were looked at in another (README "Privacy"). Views are named by a key
// the browser vouches for (platform/messaging.ts viewKey: tab, frame and document of the sender), the same for
// a view's requests and its event port. In memory only: a view's port dies with the worker, and the view asks
// again when it reconnects (platform/any-api.ts subscribeVia onReconnect).

import type { ViewKey } from '../../shared/events.ts';

export class PresenceAudience {
  private readonly byView = new Map<string, { tab: number | undefined; uris: Set<string> }>();

  /** `view` asked for these presence URIs (in addition to what it asked before). */
  watch(view: ViewKey, uris: readonly string[]): void {
    let entry = this.byView.get(view.key);
    if (!entry) this.byView.set(view.key, (entry = { tab: view.tab, uris: new Set() }));
    for (const uri of uris) entry.uris.add(uri);
  }

  /** Whether `view` asked for `uri`. */
  hears(view: string, uri: string): boolean {
    return this.byView.get(view)?.uris.has(uri) ?? false;
  }

  /** The view closed (its port disconnected). */
  forget(view: string): void {
    this.byView.delete(view);
  }

  /** The tab closed: its views are gone (even those whose port never connected). */
  forgetTab(tab: number): void {
    for (const [key, entry] of this.byView) if (entry.tab === tab) this.byView.delete(key);
  }
}
