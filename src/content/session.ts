// One annotation session on a document: scanning, watching, states, cards. Created when the content script
// starts on a site that is not switched off, and stopped (with the original DOM restored) when it is
// (issue 3, "Annotation": "switching the site off restores the original DOM").
import type { Settings } from '../shared/settings.ts';
import { sendMessage } from '../platform/runtime.ts';
import { Annotations, E164_ATTR } from './dom/annotations.ts';
import { IdleQueue } from './dom/idle-queue.ts';
import { applyWrite, scanNode, type ScanHost } from './dom/scan.ts';
import { WriteBatch } from './dom/write-batch.ts';
import { Watcher } from './dom/watcher.ts';
import { userRegion } from './detect/region.ts';
import { NumberStates } from './resolve/number-states.ts';
import { NumberReport } from './resolve/report.ts';
import { VisibleResolver } from './resolve/visible.ts';
import { HoverCards } from './card/hover-card.ts';
import { ContextMenuTarget } from './card/context-menu.ts';

export class Session {
  private readonly abort = new AbortController();
  private readonly annotations: Annotations;
  private readonly states = new NumberStates((e164) => sendMessage('resolveNumber', { e164 }));
  private readonly queue: IdleQueue;
  private readonly writes: WriteBatch;
  private readonly watcher: Watcher;
  private readonly cards: HoverCards;
  private readonly report: NumberReport;
  private readonly roots = new WeakSet<Node>();
  private visible: VisibleResolver | undefined;
  private readonly host: ScanHost;
  private menuTarget: ContextMenuTarget | undefined;

  /**
   * `provisional`: the settings are not loaded yet. Detection starts anyway (loading them took seconds on a
   * freshly started browser, bench/page), but nothing is written until `update` confirms them.
   */
  constructor(
    private readonly doc: Document,
    private settings: Settings,
    provisional = false,
  ) {
    this.annotations = new Annotations(this.states.stateOf);
    const win = doc.defaultView!;
    this.writes = new WriteBatch((write) => applyWrite(write, this.host));
    this.writes.held = provisional;
    this.queue = new IdleQueue(win, () => this.watcher.flush(), () => this.report.schedule(), this.writes);
    this.watcher = new Watcher(this.annotations, { changed: (node) => this.queue.push(scanNode(node, this.host)), pending: () => this.queue.schedule() });
    this.cards = new HoverCards(this.states, () => this.settings.resolveOn, this.abort.signal);
    this.report = new NumberReport(win, () => this.annotations.prune(), this.states.stateOf, (numbers) => void sendMessage('reportNumbers', { numbers }));
    this.states.onChange((e164, lookup) => {
      this.annotations.setState(e164, lookup.state);
      this.report.schedule();
    });
    this.host = {
      annotations: this.annotations,
      userRegion: userRegion(settings.defaultRegion),
      addRoot: (root) => this.addRoot(root),
      annotated: (elements) => this.visible?.observe(elements),
      wrote: () => this.watcher.dropOwnRecords(),
      write: (write) => this.writes.add(write),
      scanned: new WeakMap(),
      frames: new WeakSet(),
    };
  }

  start(): this {
    this.applyResolveOn();
    this.menuTarget = new ContextMenuTarget(this.doc, this.abort.signal);
    this.addRoot(this.doc);
    return this;
  }

  /** Settings that apply without a rescan; returns false when the session must be restarted. */
  update(settings: Settings): boolean {
    if (userRegion(settings.defaultRegion) !== this.host.userRegion) return false;
    this.settings = settings;
    this.applyResolveOn();
    this.queue.release();
    return true;
  }

  private applyResolveOn(): void {
    if (this.settings.resolveOn === 'visible' && !this.visible) {
      this.visible = new VisibleResolver((e164) => void this.states.resolve(e164), (el) => el.getAttribute(E164_ATTR));
      for (const set of this.annotations.byNumber.values()) this.visible.observe(set);
    } else if (this.settings.resolveOn !== 'visible' && this.visible) {
      this.visible.disconnect();
      this.visible = undefined;
    }
  }

  private addRoot(root: ShadowRoot | Document): void {
    if (this.roots.has(root)) return;
    this.roots.add(root);
    this.watcher.observe(root);
    this.cards.listen(root);
    this.queue.push(scanNode(root, this.host));
  }

  /** The context-menu item was used on a selection (the keyboard path to the card). */
  showCardForSelection(text: string): boolean {
    return this.menuTarget?.show(text, this.host.userRegion, (anchor, e164) => this.cards.open(anchor, e164, true)) ?? false;
  }

  /** Stop all work and restore the page's DOM exactly. */
  stop(): void {
    this.abort.abort();
    this.queue.stop();
    this.watcher.disconnect();
    this.visible?.disconnect();
    this.report.cancel();
    this.annotations.restoreAll();
    void sendMessage('reportNumbers', { numbers: [] });
  }

  /** For tests and the benchmark: no scan work is waiting. */
  get idle(): boolean {
    return this.queue.idle;
  }
}
