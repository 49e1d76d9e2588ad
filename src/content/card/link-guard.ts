// A link in the hover card acts only when the card is really visible where it was clicked. The card's host is
// a page-owned element: page CSS or script can make it transparent, filter it away or hide it while its links
// stay clickable (clickjacking). Before a click on a link is let through, the host and its ancestors are checked
// (display, visibility, opacity, filters, clip and mask), the click point must hit the card's host
// (elementFromPoint), and where the browser has IntersectionObserver v2 the card must have been reported
// visible (not covered, no visual effect) — https://w3c.github.io/IntersectionObserver/v2/ `isVisible`.

/** Filters that leave the card legible (a dark-mode inversion, say); any other filter counts as hiding it. */
const HARMLESS_FILTER = /^(?:none|(?:\s*(?:invert|hue-rotate|grayscale|sepia|saturate)\([^)]*\))+\s*)$/;
const MIN_OPACITY = 0.9;

/** Why the card's host is not fully visible by its computed style, or undefined when it is. */
export function hiddenByStyle(host: Element): string | undefined {
  const view = host.ownerDocument.defaultView;
  if (!view) return 'detached';
  const own = view.getComputedStyle(host);
  if ((own.visibility || 'visible') !== 'visible') return 'visibility';
  let opacity = 1;
  for (let el: Element | null = host; el; el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null)) {
    const s = view.getComputedStyle(el);
    if (s.display === 'none' || s.contentVisibility === 'hidden') return 'display';
    opacity *= Number(s.opacity || 1);
    if (!HARMLESS_FILTER.test(s.filter || 'none')) return 'filter';
    if (
      (s.clipPath || 'none') !== 'none' ||
      (s.maskImage || 'none') !== 'none' ||
      (s.mixBlendMode || 'normal') !== 'normal'
    )
      return 'clip, mask or blend';
  }
  return opacity < MIN_OPACITY ? 'opacity' : undefined;
}

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

export class LinkGuard {
  #observer: IntersectionObserver | undefined;
  /** Last IntersectionObserver v2 verdict on the card; undefined where the browser has no v2. */
  #visible: boolean | undefined;

  constructor(
    private readonly host: HTMLElement,
    root: ShadowRoot,
  ) {
    for (const type of ['click', 'auxclick'])
      root.addEventListener(type, (e) => this.#onClick(e as MouseEvent), { capture: true });
  }

  /** Start judging a newly shown card. */
  watch(card: HTMLElement): void {
    this.unwatch();
    const view = this.host.ownerDocument.defaultView;
    if (!view || !('isVisible' in view.IntersectionObserverEntry.prototype)) return;
    this.#visible = false;
    this.#observer = new view.IntersectionObserver(
      (entries) => {
        for (const e of entries as VisibilityEntry[]) this.#visible = e.isVisible === true;
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    this.#observer.observe(card);
  }

  unwatch(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#visible = undefined;
  }

  /** Whether a link click at the event's point may act. */
  allows(e: MouseEvent): boolean {
    if (!e.isTrusted || !this.host.isConnected || hiddenByStyle(this.host)) return false;
    if (this.#visible === false) return false;
    // Enter on a focused link clicks with no pointer position (detail 0); the style checks above still apply.
    const byKeyboard = e.detail === 0 && e.clientX === 0 && e.clientY === 0;
    return byKeyboard || this.host.ownerDocument.elementFromPoint(e.clientX, e.clientY) === this.host;
  }

  #onClick(e: MouseEvent): void {
    const target = e.composedPath()[0];
    if (!(target instanceof Element) || !target.closest('a[href]') || this.allows(e)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}
