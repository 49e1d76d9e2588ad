// Dynamic content: one MutationObserver over child lists, character data and tel: hrefs of every root we scan
// (document, shadow roots, about:blank frames). The callback only stores records (uBlock Origin's rule: never
// work inside the observer callback); at the start of the next slice each record becomes a scan of the block
// it touched (scan.ts drops the marks on changed text first). The one element we add, the card's host, is no
// change of the page: records that only add or remove it are dropped (own-hosts.ts), so a card causes no rescan.
import { blockOf } from './inline-text.ts';
import { isOwnHost } from './own-hosts.ts';

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
    this.observer.observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href'],
    });
  }

  /** Turn waiting records into work: each touched block once. Returns whether the page changed. */
  flush(): boolean {
    const records = this.records.concat(this.observer.takeRecords());
    this.records = [];
    if (records.length === 0) return false;
    const blocks = new Set<Node>();
    for (const r of records) if (!onlyOwnHosts(r)) blocks.add(blockOf(r.target));
    if (blocks.size === 0) return false;
    for (const block of blocks) this.handlers.changed(block);
    return true;
  }

  disconnect(): void {
    this.observer.disconnect();
    this.records = [];
  }
}

function onlyOwnHosts(r: MutationRecord): boolean {
  if (isOwnHost(r.target)) return true;
  if (r.type !== 'childList') return false;
  const nodes = [...r.addedNodes, ...r.removedNodes];
  return nodes.length > 0 && nodes.every(isOwnHost);
}
