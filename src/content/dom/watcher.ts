// Dynamic content: one MutationObserver over child lists, character data and tel: hrefs of every root we scan
// (document, shadow roots, about:blank frames). The callback only stores records (uBlock Origin's rule: never
// work inside the observer callback); at the start of the next slice each record becomes a scan of the block
// it touched (scan.ts drops the marks on changed text first). Nothing we do changes the DOM, so every record
// is the page's own.
import { blockOf } from './inline-text.ts';

export interface WatchHandlers {
  /** A block whose inline text the page changed, to be scanned again (marks on removed nodes: Marks.prune). */
  changed(block: Node): void;
  /** Called when records are waiting (schedules a slice). */
  pending(): void;
}

export class Watcher {
  private readonly observer: MutationObserver;
  private records: MutationRecord[] = [];

  constructor(private readonly handlers: WatchHandlers) {
    this.observer = new MutationObserver((records) => {
      this.records.push(...records);
      handlers.pending();
    });
  }

  observe(root: Node): void {
    this.observer.observe(root, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  }

  /** Turn waiting records into work: each touched block once. Returns whether the page changed. */
  flush(): boolean {
    const records = this.records.concat(this.observer.takeRecords());
    this.records = [];
    if (records.length === 0) return false;
    const blocks = new Set<Node>();
    for (const r of records) blocks.add(blockOf(r.target));
    for (const block of blocks) this.handlers.changed(block);
    return true;
  }

  disconnect(): void {
    this.observer.disconnect();
    this.records = [];
  }
}
