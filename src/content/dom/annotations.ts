// The annotation contract (issue 3, "Annotation"): each detected number is wrapped in an element carrying
// `data-enum-e164="+E164"` and `data-enum-state`. Text is split with `splitText` (never re-parsed HTML), so
// the page's text stays byte-identical, and every change can be undone: `dissolve` merges the pieces back
// into the page's original Text node, which is the node page scripts still hold references to.
import type { NumberState } from '../../shared/protocol.ts';
import type { Detection } from '../detect/find-numbers.ts';

/** An unknown, hyphen-less tag: inline, matched by no page type selector, never a custom element. */
export const WRAPPER_TAG = 'enumnumber';
export const E164_ATTR = 'data-enum-e164';
export const STATE_ATTR = 'data-enum-state';

interface Group {
  /** The page's Text node; after wrapping it holds the text before the first number. */
  original: Text;
  /** Nodes we inserted after it, in document order: wrappers and the text between/after them. */
  created: Node[];
}

export class Annotations {
  private readonly groups = new Map<Text, Group>();
  private readonly groupOf = new WeakMap<Node, Group>();
  /** Annotated elements by number: wrappers and annotated tel: links. */
  readonly byNumber = new Map<string, Set<Element>>();
  private readonly telLinks = new Set<Element>();

  constructor(private readonly stateOf: (e164: string) => NumberState) {}

  /** Wrap `detections` (sorted, non-overlapping, offsets into text.data). Returns the wrappers. */
  wrap(text: Text, detections: readonly Detection[]): Element[] {
    const doc = text.ownerDocument;
    const group: Group = { original: text, created: [] };
    const wrappers: Element[] = [];
    for (let i = detections.length - 1; i >= 0; i--) {
      const d = detections[i]!;
      const after = d.end < text.data.length ? text.splitText(d.end) : undefined;
      const middle = text.splitText(d.start);
      const wrapper = doc.createElement(WRAPPER_TAG);
      this.mark(wrapper, d.e164);
      middle.parentNode!.insertBefore(wrapper, middle);
      wrapper.appendChild(middle);
      group.created.unshift(wrapper, ...(after ? [after] : []));
      wrappers.unshift(wrapper);
    }
    this.groups.set(text, group);
    for (const node of group.created) this.groupOf.set(node, group);
    for (const w of wrappers) this.groupOf.set(w.firstChild!, group);
    this.groupOf.set(text, group);
    return wrappers;
  }

  /** A tel: link whose href is the number carries the attributes itself (annotated once, issue 3). */
  markLink(link: Element, e164: string): void {
    this.telLinks.add(link);
    this.mark(link, e164);
  }

  private mark(el: Element, e164: string): void {
    el.setAttribute(E164_ATTR, e164);
    el.setAttribute(STATE_ATTR, this.stateOf(e164));
    let set = this.byNumber.get(e164);
    if (!set) this.byNumber.set(e164, (set = new Set()));
    set.add(el);
  }

  isOwn(node: Node): boolean {
    return this.groupOf.has(node) && !(this.groups.has(node as Text));
  }

  /** The group a node belongs to (original text, a wrapper, or a piece of text we created). */
  groupFor(node: Node): Text | undefined {
    return this.groupOf.get(node)?.original;
  }

  /**
   * Undo one group. `pageRewroteOriginal`: the page set the original node's text itself (a framework updating
   * its text node), so our pieces are stale and are dropped; otherwise their current text is merged back.
   */
  dissolve(original: Text, pageRewroteOriginal = false): void {
    const group = this.groups.get(original);
    if (!group) return;
    this.groups.delete(original);
    this.groupOf.delete(original);
    let data = original.data;
    for (const node of group.created) {
      this.groupOf.delete(node);
      if (node.firstChild) this.groupOf.delete(node.firstChild);
      if (!pageRewroteOriginal && node.parentNode === original.parentNode) data += node.textContent ?? '';
      if (node.nodeType === Node.ELEMENT_NODE) this.forget(node as Element);
      (node as ChildNode).remove();
    }
    if (data !== original.data) original.data = data;
  }

  private forget(el: Element): void {
    const e164 = el.getAttribute(E164_ATTR);
    if (e164) this.byNumber.get(e164)?.delete(el);
  }

  /** Restore the page: every group merged back, every tel: link's attributes removed. */
  restoreAll(): void {
    for (const original of [...this.groups.keys()]) this.dissolve(original);
    for (const link of this.telLinks) {
      link.removeAttribute(E164_ATTR);
      link.removeAttribute(STATE_ATTR);
    }
    this.telLinks.clear();
    this.byNumber.clear();
  }

  /** Set the state attribute of every element annotated with `e164`. */
  setState(e164: string, state: NumberState): void {
    for (const el of this.byNumber.get(e164) ?? []) {
      if (el.getAttribute(STATE_ATTR) !== state) el.setAttribute(STATE_ATTR, state);
    }
  }

  /** Drop elements the page removed; returns the numbers still on the page. */
  prune(): string[] {
    for (const [e164, set] of this.byNumber) {
      for (const el of set) if (!el.isConnected) set.delete(el);
      if (set.size === 0) this.byNumber.delete(e164);
    }
    for (const [original, group] of this.groups) {
      if (!original.isConnected && !group.created.some((n) => n.isConnected)) this.groups.delete(original);
    }
    return [...this.byNumber.keys()];
  }

  /** Groups whose original text node the page removed while our pieces stayed behind. */
  orphanedBy(removed: Node): Text | undefined {
    return removed.nodeType === Node.TEXT_NODE && this.groups.has(removed as Text) ? (removed as Text) : undefined;
  }
}
