// Page annotations (README "Page annotations"): every occurrence of a found number is one StaticRange over
// exactly its characters, registered in the CSS highlight named after its state. The page's DOM is never
// touched: nothing to split, wrap or restore, and no relayout (a highlight only repaints). Static, not live,
// ranges: a live range makes every page mutation cost O(ranges). A page edit can leave a StaticRange stale, so
// each mark records the nodes it depends on and the scanner drops it before scanning the changed text again.
import type { EnumState } from '../../shared/protocol.ts';
import type { PresenceState } from '../../core/presence/state.ts';

/** The highlight of each state (`enum-idle`, `enum-pres`, …): the contract the page, the tests and the tools read. */
export const highlightName = (state: EnumState): string => `enum-${state}`;
/** The highlight of a known presence state (`enum-status-busy`, …), the same contract. */
export const statusName = (state: PresenceState): string => `enum-status-${state}`;

export interface Mark {
  readonly range: AbstractRange;
  readonly e164: string;
  /** The text nodes the range spans (or the tel: link it covers): a change to any of them ends the mark. */
  readonly nodes: readonly Node[];
  state: EnumState;
}

interface HighlightSet {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
}

/** The browser's highlight API for one document; unit tests pass their own (happy-dom has none). */
export interface HighlightApi {
  range(init: StaticRangeInit): AbstractRange;
  /** A new highlight registered under `name` in the document's registry; a higher `priority` paints on top. */
  register(doc: Document, name: string, priority: number): HighlightSet;
  unregister(doc: Document, name: string, highlight: HighlightSet): void;
}

type HighlightWindow = Window & {
  Highlight: new () => HighlightSet & { priority: number };
  CSS: { highlights: Map<string, unknown> };
};

export const browserHighlights: HighlightApi = {
  range: (init) => new StaticRange(init),
  register(doc, name, priority) {
    const win = (doc.defaultView ?? window) as HighlightWindow;
    const highlight = new win.Highlight();
    highlight.priority = priority;
    win.CSS.highlights.set(name, highlight);
    return highlight;
  },
  unregister(doc, name, highlight) {
    const registry = ((doc.defaultView ?? window) as HighlightWindow).CSS.highlights;
    if (registry.get(name) === highlight) registry.delete(name);
  },
};

export class Marks {
  /** The highlights of each document we mark (the page and the about:blank frames we scan), by name. */
  private readonly registries = new Map<Document, Map<string, HighlightSet>>();
  /**
   * Numbers whose presence is known: besides its lookup highlight, each of their ranges is in exactly one
   * `enum-status-<state>` highlight, painted over the lookup one (README "Page annotations").
   */
  private readonly statuses = new Map<string, PresenceState>();
  readonly byNumber = new Map<string, Set<Mark>>();
  private readonly byNode = new WeakMap<Node, Set<Mark>>();
  private readonly byRange = new WeakMap<AbstractRange, Mark>();
  /** New marks not yet in their highlight (see `flush`). */
  private pending = new Set<Mark>();
  /** Marks in their highlights (flushed and not removed). */
  private shown = 0;

  constructor(
    private readonly stateOf: (e164: string) => EnumState,
    private readonly api: HighlightApi = browserHighlights,
  ) {}

  add(init: StaticRangeInit, e164: string, nodes: readonly Node[]): Mark {
    const mark: Mark = { range: this.api.range(init), e164, nodes, state: this.stateOf(e164) };
    this.pending.add(mark);
    let set = this.byNumber.get(e164);
    if (!set) this.byNumber.set(e164, (set = new Set()));
    set.add(mark);
    this.byRange.set(mark.range, mark);
    for (const node of nodes) {
      let marks = this.byNode.get(node);
      if (!marks) this.byNode.set(node, (marks = new Set()));
      marks.add(mark);
    }
    return mark;
  }

  /** The mark a range of ours belongs to (highlightsFromPoint hands back our ranges). */
  ofRange(range: AbstractRange): Mark | undefined {
    return this.byRange.get(range);
  }

  has(mark: Mark): boolean {
    return this.byNumber.get(mark.e164)?.has(mark) ?? false;
  }

  /** Drop every mark that depends on `node`. */
  removeAt(node: Node): void {
    const marks = this.byNode.get(node);
    if (marks) for (const mark of [...marks]) this.remove(mark);
  }

  /** How many marks are in the page's highlights (flushed). */
  get shownCount(): number {
    return this.shown;
  }

  /**
   * Whether new marks are worth a flush in the middle of a scan: once they at least match the marks already shown.
   * Each flush costs Chromium a pass over every range of every highlight in its next frame (HighlightRegistry::
   * ValidateHighlightMarkers rebuilds all markers), so flushes that double the count keep a long scan's passes
   * under twice the last one (bench/page: a flush every second on a loaded machine, 8 passes, 4× the last).
   */
  get worthFlushing(): boolean {
    return this.pending.size > 0 && this.pending.size >= this.shown;
  }

  /**
   * Put new marks into their highlights. Batched: Chromium re-validates every range of every registered highlight
   * after any change (bench/page: adding 5,000 ranges one slice at a time took 11 s, in a few batches ~0.5 s).
   */
  flush(): void {
    this.shown += this.pending.size;
    for (const mark of this.pending) {
      this.highlight(mark, highlightName(mark.state)).add(mark.range);
      const status = this.statuses.get(mark.e164);
      if (status) this.highlight(mark, statusName(status)).add(mark.range);
    }
    this.pending.clear();
  }

  private remove(mark: Mark): void {
    const status = this.statuses.get(mark.e164);
    if (!this.pending.delete(mark)) {
      this.shown--;
      this.highlight(mark, highlightName(mark.state)).delete(mark.range);
      if (status) this.highlight(mark, statusName(status)).delete(mark.range);
    }
    const set = this.byNumber.get(mark.e164);
    set?.delete(mark);
    if (set?.size === 0) this.byNumber.delete(mark.e164);
    for (const node of mark.nodes) this.byNode.get(node)?.delete(mark);
  }

  /** Move every range of `e164` into the highlight of its new state. */
  setState(e164: string, state: EnumState): void {
    for (const mark of this.byNumber.get(e164) ?? []) {
      if (mark.state === state) continue;
      if (this.pending.has(mark)) {
        mark.state = state;
        continue;
      }
      this.highlight(mark, highlightName(mark.state)).delete(mark.range);
      mark.state = state;
      this.highlight(mark, highlightName(state)).add(mark.range);
    }
  }

  /** Move every range of `e164` into the presence highlight of `status` (none: out of all of them). */
  setStatus(e164: string, status: PresenceState | undefined): void {
    const old = this.statuses.get(e164);
    if (old === status) return;
    if (status) this.statuses.set(e164, status);
    else this.statuses.delete(e164);
    for (const mark of this.byNumber.get(e164) ?? []) {
      if (this.pending.has(mark)) continue; // flush adds it
      if (old) this.highlight(mark, statusName(old)).delete(mark.range);
      if (status) this.highlight(mark, statusName(status)).add(mark.range);
    }
  }

  /** Drop marks whose nodes the page removed; returns the numbers still on the page. */
  prune(): string[] {
    for (const set of [...this.byNumber.values()]) {
      for (const mark of set) if (!mark.nodes.every((n) => n.isConnected)) this.remove(mark);
    }
    return [...this.byNumber.keys()];
  }

  /** Remove every highlight: the page is as it was (there is nothing else to restore). */
  clear(): void {
    for (const [doc, highlights] of this.registries) {
      for (const [name, highlight] of highlights) this.api.unregister(doc, name, highlight);
    }
    this.registries.clear();
    this.statuses.clear();
    this.byNumber.clear();
    this.pending.clear();
    this.shown = 0;
  }

  private highlight(mark: Mark, name: string): HighlightSet {
    const doc = mark.nodes[0]!.ownerDocument!;
    let highlights = this.registries.get(doc);
    if (!highlights) this.registries.set(doc, (highlights = new Map()));
    let highlight = highlights.get(name);
    if (!highlight)
      highlights.set(name, (highlight = this.api.register(doc, name, name.startsWith('enum-status-') ? 1 : 0)));
    return highlight;
  }
}
