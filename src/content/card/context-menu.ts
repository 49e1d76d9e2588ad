// The keyboard path to the card (issue 3): the background's context-menu item on a selection sends
// `showCardForSelection` (protocol.ts ContentMessage) to the frame the menu was opened in. The card opens for
// the annotated number under the menu, the one in the selection, or a number found in the selected text.
import { findNumbers } from '../detect/find-numbers.ts';
import { regionHints } from '../dom/page-region.ts';
import { E164_ATTR } from '../dom/annotations.ts';

export type OpenCard = (anchor: Element | Range, e164: string) => void;

export class ContextMenuTarget {
  private last: Element | null = null;

  constructor(
    private readonly doc: Document,
    signal: AbortSignal,
  ) {
    doc.addEventListener(
      'contextmenu',
      (e) => {
        if (!e.isTrusted) return;
        const target = e.composedPath()[0];
        this.last = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
      },
      { capture: true, signal },
    );
  }

  /** Open the card for the number the menu was used on; false when there is none. */
  show(selectionText: string, userRegion: string, open: OpenCard): boolean {
    const annotated = this.last?.closest(`[${E164_ATTR}]`);
    if (annotated) return openAt(annotated, open);
    const selection = this.doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    const container = range?.commonAncestorContainer;
    const el = container ? (container.nodeType === Node.ELEMENT_NODE ? (container as Element) : container.parentElement) : null;
    const inside = el?.closest(`[${E164_ATTR}]`);
    if (inside) return openAt(inside, open);
    const [found] = findNumbers(selection?.toString() || selectionText, regionHints(el, userRegion));
    if (!found || !range) return false;
    open(range, found.e164);
    return true;
  }
}

function openAt(el: Element, open: OpenCard): boolean {
  open(el, el.getAttribute(E164_ATTR)!);
  return true;
}
