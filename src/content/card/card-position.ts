// Where the hover card goes: never over the number it describes (test/e2e/content.test.ts, "a small
// viewport"), inside the viewport, below the number when it fits, else above, else on the larger side with a
// height limit (small viewports).

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Set when the card must scroll to stay clear of the number and inside the viewport. */
  maxHeight?: number;
}

const GAP = 6;
const MARGIN = 8;

export function placeCard(
  anchor: Box,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
): Placement {
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - card.width - MARGIN));
  const below = viewport.height - (anchor.top + anchor.height) - GAP - MARGIN;
  const above = anchor.top - GAP - MARGIN;
  if (card.height <= below) return { left, top: anchor.top + anchor.height + GAP };
  if (card.height <= above) return { left, top: anchor.top - GAP - card.height };
  if (below >= above) return { left, top: anchor.top + anchor.height + GAP, maxHeight: Math.max(0, below) };
  const maxHeight = Math.max(0, above);
  return { left, top: anchor.top - GAP - maxHeight, maxHeight };
}

/** True when two boxes overlap (used by tests and as a guard). */
export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}
