// The keyboard path to the card: the background's context-menu item on a selection sends
// `showCardForSelection` (protocol.ts ContentMessage) to the frame the menu was opened in. The card opens for
// the marked number under the menu, or the number found in the selected text (anchored to the selection).
import { findNumbers } from '../detect/find-numbers.ts';
import { regionHints } from '../dom/page-region.ts';
import type { Mark, Marks } from '../dom/marks.ts';
import { liveRange, type HitTest } from './hit-test.ts';

export type OpenCard = (anchor: Range, e164: string) => void;

export class ContextMenuTarget {
  /** The mark under the last trusted context menu, found when it opened (a user's explicit choice). */
  private last: Mark | undefined;

  constructor(
    private readonly doc: Document,
    private readonly marks: Marks,
    hits: HitTest,
    signal: AbortSignal,
  ) {
    doc.addEventListener(
      'contextmenu',
      (e) => {
        if (e.isTrusted) this.last = hits(doc, e.clientX, e.clientY);
      },
      { capture: true, signal },
    );
  }

  /** Open the card for the number the menu was used on; false when there is none. */
  show(selectionText: string, userRegion: string, open: OpenCard): boolean {
    if (this.last && this.marks.has(this.last)) return openAt(this.last, open);
    const selection = this.doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    const container = range?.commonAncestorContainer;
    const el = container
      ? container.nodeType === Node.ELEMENT_NODE
        ? (container as Element)
        : container.parentElement
      : null;
    const [found] = findNumbers(selection?.toString() || selectionText, regionHints(el, userRegion));
    if (!found || !range) return false;
    open(range, found.e164);
    return true;
  }
}

function openAt(mark: Mark, open: OpenCard): boolean {
  open(liveRange(mark), mark.e164);
  return true;
}
