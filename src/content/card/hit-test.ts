// Which mark is under a point, without wrapper elements to receive events: the highlights at the point
// (`CSS.highlights.highlightsFromPoint`, Chromium and Firefox both hand back the ranges hit), then the range's
// own client rects, which must hold the point. And whether a mark is something a user can see at all: a page
// must not make an invisible or viewport-sized number and wait for the pointer to land on it.
import type { Mark, Marks } from '../dom/marks.ts';

type Highlights = {
  highlightsFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): { ranges: AbstractRange[] }[];
};

/** A number covering more than this share of the viewport is no number a user points at. */
const MAX_VIEWPORT_SHARE = 0.25;

/** Finds the mark under the viewport point (x, y) of a document, if any. */
export type HitTest = (doc: Document, x: number, y: number) => Mark | undefined;

/** `shadowRoots`: the roots we scan, closed ones included (hit testing reaches into them only when named). */
export function hitTest(marks: Marks, shadowRoots: () => ShadowRoot[]): HitTest {
  return (doc, x, y) => {
    const highlights = (doc.defaultView as unknown as { CSS: { highlights: Highlights } } | null)?.CSS.highlights;
    for (const hit of highlights?.highlightsFromPoint?.(x, y, { shadowRoots: shadowRoots() }) ?? []) {
      for (const range of hit.ranges) {
        const mark = marks.ofRange(range);
        if (mark && contains(rectsOf(mark), x, y)) return mark;
      }
    }
    return undefined;
  };
}

/** A live Range over a mark (for rects and as the card's anchor); made on demand, never kept per mark. */
export function liveRange(mark: Mark): Range {
  const { startContainer, startOffset, endContainer, endOffset } = mark.range;
  const range = startContainer.ownerDocument!.createRange();
  range.setStart(startContainer, startOffset);
  range.setEnd(endContainer, endOffset);
  return range;
}

function rectsOf(mark: Mark): DOMRectList | DOMRect[] {
  try {
    return liveRange(mark).getClientRects();
  } catch {
    return []; // The page changed the text under a static range: offsets out of bounds.
  }
}

function contains(rects: DOMRectList | DOMRect[], x: number, y: number): boolean {
  for (const r of rects) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  return false;
}

/**
 * A user can see the number: it has a size, is not transparent, hidden or at opacity 0, and covers no large
 * share of the viewport (a page could stretch an invisible number over the window and wait for the pointer).
 */
export function isVisibleMark(mark: Mark): boolean {
  let box: DOMRect;
  try {
    box = liveRange(mark).getBoundingClientRect();
  } catch {
    return false;
  }
  const node = mark.nodes[0]!;
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const view = node.ownerDocument?.defaultView;
  if (!el || !view || box.width < 1 || box.height < 1) return false;
  if (box.width * box.height > MAX_VIEWPORT_SHARE * view.innerWidth * view.innerHeight) return false;
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const style = view.getComputedStyle(el);
  return (
    !isTransparent(style.color) && !isTransparent(style.getPropertyValue('-webkit-text-fill-color') || style.color)
  );
}

/** `transparent`, `rgba(…, 0)`, `color(… / 0)`: how both browsers compute a colour with alpha 0. */
export function isTransparent(color: string): boolean {
  return /^transparent$|^rgba\(.*,\s*0\)$|\/\s*0\)$/.test(color);
}
