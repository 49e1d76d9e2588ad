// The keyboard path to the card: the background's context-menu item on a selection sends
// `showCardForSelection` (protocol.ts ContentMessage) to the frame the menu was opened in. The card opens for
// the marked number under the menu, a marked number in the selection, or a number found in the selected text.
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
        if (e.isTrusted) this.last = hits.markAt(doc, e.clientX, e.clientY);
      },
      { capture: true, signal },
    );
  }

  /** Open the card for the number the menu was used on; false when there is none. */
  show(selectionText: string, userRegion: string, open: OpenCard): boolean {
    if (this.last && this.marks.has(this.last)) return openAt(this.last, open);
    const selection = this.doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    for (const node of range ? [range.startContainer, range.endContainer] : []) {
      for (const mark of this.marks.at(node)) if (overlaps(range!, mark)) return openAt(mark, open);
    }
    const container = range?.commonAncestorContainer;
    const el = container ? (container.nodeType === Node.ELEMENT_NODE ? (container as Element) : container.parentElement) : null;
    const [found] = findNumbers(selection?.toString() || selectionText, regionHints(el, userRegion));
    if (!found || !range) return false;
    open(range, found.e164);
    return true;
  }
}

function overlaps(selected: Range, { range }: Mark): boolean {
  try {
    return selected.comparePoint(range.startContainer, range.startOffset) !== 1 && selected.comparePoint(range.endContainer, range.endOffset) !== -1;
  } catch {
    return false; // Another tree or a stale offset.
  }
}

function openAt(mark: Mark, open: OpenCard): boolean {
  open(liveRange(mark), mark.e164);
  return true;
}
