// One marking session on a document: scanning, watching, states, cards. Created when the content script starts
// on a site that is not switched off; stopping it deletes the highlights, which is all there is to undo
// (README "Page annotations"). The pipeline:
//
//   index.ts ── may-have-numbers ──> lifecycle.ts (settings: on/off, live changes) ──> Session
//
//   Session.addRoot(document | shadow root | about:blank frame)          ShadowPoll: roots attached later
//       │                          Watcher: page mutations (records only) ──┐
//       ▼                                                                   ▼ blocks touched
//   IdleQueue: 8 ms slices ── scanNode: inline text of each block ── detect/findNumbers
//       │
//       ▼
//   Marks: one StaticRange per number, in the CSS highlight `enum-<state>`
//       ▲ state changes                                   │ numbers on the page
//   NumberStates <── HoverCards, ContextMenuTarget         NumberReport ──> background (popup, badge)
//      (resolveNumber)   (hitTest: which mark is under the pointer)
//      RetryQueue: lookups the rate limit refused, sent when it allows and only if still in view or on a card
import type { PageSettings } from '../shared/page-settings.ts';
import type { EnumState } from '../shared/protocol.ts';
import { sendMessage } from '../platform/content.ts';
import { Marks } from './dom/marks.ts';
import { IdleQueue } from './dom/idle-queue.ts';
import { scanNode, type ScanContext } from './dom/scan.ts';
import { shadowRootOf, mayHostShadow } from './dom/shadow-roots.ts';
import { Watcher } from './dom/watcher.ts';
import { userRegion } from './detect/region.ts';
import { NumberStates } from './lookups/number-states.ts';
import { NumberPresence } from './lookups/presence.ts';
import { NumberReport } from './lookups/report.ts';
import { VisibleResolver } from './lookups/visible.ts';
import { hitTest } from './card/hit-test.ts';
import { HoverCards } from './card/hover-card.ts';
import { ContextMenuTarget } from './card/context-menu.ts';

/**
 * How often possible shadow hosts are looked at again (attachShadow causes no mutation record): every
 * SHADOW_POLL_MS while the page is young or changing, every SHADOW_QUIET_POLL_MS once it has been still for
 * SHADOW_QUIET_AFTER_MS (a poll of a 1 MB page costs tens of milliseconds, bench/page).
 */
const SHADOW_POLL_MS = 700;
const SHADOW_QUIET_POLL_MS = 5000;
const SHADOW_QUIET_AFTER_MS = 10_000;
const ELEMENTS_PER_YIELD = 500;
/**
 * While a long scan runs, the first numbers found are shown after FIRST_MARKS_MS of it (the scan goes in document
 * order, so they are the top of the page, where the user usually is: a few ranges, a cheap pass); after that at
 * most every MARKS_FLUSH_MS, and only once the new ones at least match those shown (Marks.worthFlushing), since
 * each batch costs Chromium a pass over every range registered so far. bench/page prints when the first numbers
 * are highlighted (about 0.3 s after DOMContentLoaded with these values; about 1 s when the first batch waited a
 * second).
 */
const FIRST_MARKS_MS = 100;
const MARKS_FLUSH_MS = 2000;

/** A state nothing more is done for: an answer, or a failure other than the rate limit (which waits, pending). */
const settled = (state: EnumState): boolean => state !== 'idle' && state !== 'pending';

export class Session {
  private readonly abort = new AbortController();
  private readonly win: Window;
  private readonly states = new NumberStates(
    (e164) => sendMessage('resolveNumber', { e164 }),
    // Held back by the rate limit: still worth a lookup when its turn comes only if the user can see it.
    (e164) => this.cards.shows(e164) || !!this.visible?.shows(e164),
  );
  private readonly marks = new Marks(this.states.stateOf);
  private readonly presence = new NumberPresence(
    (e164, state) => {
      this.marks.setStatus(e164, state);
      this.cards.refresh(e164);
    },
    () => this.settings.presence !== 'off',
  );
  private readonly roots = new Set<Document | ShadowRoot>();
  private readonly hits = hitTest(this.marks, () =>
    [...this.roots].filter((r): r is ShadowRoot => r.nodeType === Node.DOCUMENT_FRAGMENT_NODE),
  );
  private readonly ctx: ScanContext;
  private readonly watcher: Watcher;
  private readonly queue: IdleQueue;
  private readonly cards: HoverCards;
  private readonly report: NumberReport;
  private visible: VisibleResolver | undefined;
  private menuTarget: ContextMenuTarget | undefined;
  private polling = false;
  /** The first scan of the document has finished (until then it finds every shadow root it walks past). */
  private firstScanDone = false;
  private flushed = performance.now();
  /** When the page last changed (or the session started), and when the last shadow-root poll ran. */
  private changedAt = performance.now();
  private polledAt = 0;

  constructor(
    private readonly doc: Document,
    private settings: PageSettings,
  ) {
    this.win = doc.defaultView!;
    this.ctx = {
      marks: this.marks,
      userRegion: userRegion(settings.defaultRegion),
      addRoot: (root) => this.addRoot(root),
      marked: (marks) => this.visible?.observe(marks),
      scanned: new WeakMap(),
      links: new WeakMap(),
      frames: new WeakSet(),
    };
    this.watcher = new Watcher({
      changed: (block) => this.queue.push(scanNode(block, this.ctx)),
      pending: () => this.queue.schedule(true),
    });
    this.queue = new IdleQueue(
      this.win,
      () => this.beforeSlice(),
      () => this.drained(),
    );
    this.report = new NumberReport(
      this.win,
      () => this.marks.prune(),
      this.states.stateOf,
      (numbers) => void sendMessage('reportNumbers', { numbers }),
    );
    this.cards = new HoverCards(
      this.states,
      this.presence,
      this.marks,
      this.hits,
      () => this.settings.resolveOn,
      this.abort.signal,
    );
    this.states.onChange((e164, lookup) => {
      this.marks.setState(e164, lookup.state);
      if (settled(lookup.state)) this.visible?.settle(e164);
      this.report.schedule();
    });
  }

  start(): this {
    this.applyResolveOn();
    this.menuTarget = new ContextMenuTarget(this.doc, this.marks, this.hits, this.abort.signal);
    this.addRoot(this.doc);
    const poll = this.win.setInterval(() => this.pollShadowRoots(), SHADOW_POLL_MS);
    this.abort.signal.addEventListener('abort', () => this.win.clearInterval(poll));
    return this;
  }

  /** Settings that apply without a rescan; returns false when the session must be restarted. */
  update(settings: PageSettings): boolean {
    if (userRegion(settings.defaultRegion) !== this.ctx.userRegion) return false;
    this.settings = settings;
    this.applyResolveOn();
    return true;
  }

  private applyResolveOn(): void {
    if (this.settings.resolveOn === 'visible' && !this.visible) {
      this.visible = new VisibleResolver(
        (e164) => this.states.resolve(e164),
        (e164) => settled(this.states.stateOf(e164)),
        (e164) => this.marks.byNumber.get(e164) ?? [],
      );
      for (const set of this.marks.byNumber.values()) this.visible.observe(set);
    } else if (this.settings.resolveOn !== 'visible' && this.visible) {
      this.visible.disconnect();
      this.visible = undefined;
    }
  }

  /** Page records become work; new marks reach the page now and then while a long scan runs (MARKS_FLUSH_MS). */
  private beforeSlice(): void {
    if (this.watcher.flush()) this.changedAt = performance.now();
    const wait = this.marks.shownCount === 0 ? FIRST_MARKS_MS : MARKS_FLUSH_MS;
    if (performance.now() - this.flushed >= wait && this.marks.worthFlushing) this.flushMarks();
  }

  /** Marks on nodes the page removed go here: detached text is not painted meanwhile. */
  private drained(): void {
    this.firstScanDone = true;
    this.marks.prune();
    this.flushMarks();
    this.report.schedule();
  }

  private flushMarks(): void {
    this.marks.flush();
    this.flushed = performance.now();
  }

  private addRoot(root: ShadowRoot | Document): void {
    if (this.roots.has(root) || ('host' in root && this.cards.owns(root.host))) return;
    this.roots.add(root);
    this.watcher.observe(root);
    if (root.nodeType === Node.DOCUMENT_NODE) this.cards.listen(root as Document);
    this.queue.push(scanNode(root, this.ctx), root === this.doc);
  }

  /** Look for shadow roots attached since their host was scanned (in idle slices, one poll at a time). */
  private pollShadowRoots(): void {
    if (this.polling || !this.firstScanDone || this.doc.visibilityState === 'hidden') return;
    const now = performance.now();
    if (now - this.changedAt > SHADOW_QUIET_AFTER_MS && now - this.polledAt < SHADOW_QUIET_POLL_MS) return;
    this.polledAt = now;
    this.polling = true;
    this.queue.push(this.findShadowRoots([...this.roots]));
  }

  private *findShadowRoots(roots: (Document | ShadowRoot)[]): Generator<void, void, void> {
    let n = 0;
    for (const root of roots) {
      if (!root.isConnected) continue;
      for (const el of root.querySelectorAll('*')) {
        if (mayHostShadow(el)) {
          const shadow = shadowRootOf(el);
          if (shadow && !this.roots.has(shadow)) this.addRoot(shadow);
        }
        if (++n % ELEMENTS_PER_YIELD === 0) yield;
      }
    }
    this.polling = false;
  }

  /** The context-menu item was used on a selection (the keyboard path to the card). */
  showCardForSelection(text: string): boolean {
    return (
      this.menuTarget?.show(text, this.ctx.userRegion, (anchor, e164) => this.cards.open(anchor, e164, true, true)) ??
      false
    );
  }

  /** Stop all work and delete the highlights: the page is as it was. */
  stop(): void {
    this.abort.abort();
    this.queue.stop();
    this.watcher.disconnect();
    this.visible?.disconnect();
    this.states.stop();
    this.report.cancel();
    this.presence.stop();
    this.marks.clear();
    void sendMessage('reportNumbers', { numbers: [] });
  }
}
