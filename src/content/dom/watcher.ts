// Dynamic content (issue 3, "Everywhere else"): one MutationObserver over child lists, character data and
// tel: hrefs of every root we scan (document, open shadow roots, about:blank frames). The callback only
// stores records; they are turned into scan jobs at the start of the next idle slice, and the records our own
// writes cause are taken and dropped right after each write, so annotating never triggers a rescan.
import type { Annotations } from './annotations.ts';

export interface WatchHandlers {
  /** A node the page added or whose text it changed, to be scanned. */
  changed(node: Node): void;
  /** Called when records are waiting (schedules a slice). */
  pending(): void;
}

export class Watcher {
  private readonly observer: MutationObserver;
  private records: MutationRecord[] = [];

  constructor(
    private readonly annotations: Annotations,
    private readonly handlers: WatchHandlers,
  ) {
    this.observer = new MutationObserver((records) => {
      this.records.push(...records);
      handlers.pending();
    });
  }

  observe(root: Node): void {
    this.observer.observe(root, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  }

  /** Drop the records our own DOM writes just produced. */
  dropOwnRecords(): void {
    this.observer.takeRecords();
  }

  /** Turn waiting page records into work: changed nodes to scan, broken annotations to undo. */
  flush(): void {
    const records = this.records.concat(this.observer.takeRecords());
    this.records = [];
    for (const r of records) {
      if (r.type === 'characterData') this.textChanged(r.target as Text);
      else if (r.type === 'attributes') this.handlers.changed(r.target);
      else {
        for (const removed of r.removedNodes) {
          // The page removed its text node (e.g. a framework re-rendering): our pieces of it go too.
          const original = this.annotations.orphanedBy(removed);
          if (original) this.annotations.dissolve(original, true);
        }
        for (const added of r.addedNodes) if (!this.annotations.isOwn(added)) this.handlers.changed(added);
      }
    }
    this.dropOwnRecords();
  }

  private textChanged(text: Text): void {
    const original = this.annotations.groupFor(text);
    if (original) {
      // The page rewrote its own text node (it still holds a reference to it) or edited one of our pieces.
      this.annotations.dissolve(original, original === text);
      this.handlers.changed(original);
    } else this.handlers.changed(text);
  }

  disconnect(): void {
    this.observer.disconnect();
    this.records = [];
  }
}
