// The hover card's host: a plain element with a closed shadow root, added to the document only while a card
// is shown (README "Page annotations": the one element the extension adds; it carries no id, class or data attribute).
// It goes into the top layer (popover) where supported, so page stacking contexts never cover it.
import CARD_CSS from './card.css?inline';
import { placeCard } from './card-position.ts';
import { LinkGuard } from './link-guard.ts';
import { addOwnHost } from '../dom/own-hosts.ts';

const HOST_STYLE =
  'all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important; width: 0 !important; ' +
  'height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important; overflow: visible !important; ' +
  'background: transparent !important; display: block !important; z-index: 2147483647 !important;';

export class CardHost {
  private host: HTMLElement | undefined;
  private root: ShadowRoot | undefined;
  private card: HTMLElement | undefined;
  private guard: LinkGuard | undefined;
  anchor: Range | undefined;

  constructor(private readonly doc: Document) {}

  get shown(): boolean {
    return this.card !== undefined;
  }

  /** True when `node` is the card host (events inside a closed shadow root are retargeted to it). */
  contains(node: EventTarget | null): boolean {
    return node !== null && node === this.host;
  }

  /** True when the focus is inside the card (the closed root's activeElement is ours to read). */
  hasFocus(): boolean {
    const active = this.root?.activeElement;
    return !!active && !!this.card?.contains(active);
  }

  /** Show `card` next to `anchor`; it takes the focus when `focus` is set or the card it replaces had it. */
  show(anchor: Range, card: HTMLElement, focus = false): void {
    const hadFocus = this.hasFocus();
    this.anchor = anchor;
    if (!this.host) {
      this.host = this.doc.createElement('div');
      this.host.setAttribute('style', HOST_STYLE);
      addOwnHost(this.host);
      this.root = this.host.attachShadow({ mode: 'closed' });
      const style = this.doc.createElement('style');
      style.textContent = CARD_CSS;
      this.root.append(style);
      this.guard = new LinkGuard(this.host, this.root);
    }
    this.card?.remove();
    this.card = card;
    if (isDark(anchor)) card.classList.add('dark');
    card.style.visibility = 'hidden';
    this.root!.append(card);
    this.guard?.watch(card);
    if (!this.host.isConnected) {
      this.doc.documentElement.append(this.host);
      try {
        this.host.popover = 'manual';
        this.host.showPopover();
      } catch {
        // No popover support: the fixed host with the highest z-index is the fallback.
      }
    }
    this.position();
    if (focus || hadFocus) card.focus({ preventScroll: true });
  }

  /** Re-place the card next to its anchor (after content changes, scrolls or resizes). */
  position(): void {
    if (!this.card || !this.anchor) return;
    const rect = this.anchor.getBoundingClientRect();
    const view = this.doc.defaultView!;
    this.card.style.maxHeight = '';
    const size = this.card.getBoundingClientRect();
    const vw = this.doc.documentElement.clientWidth || view.innerWidth;
    const p = placeCard(rect, { width: size.width, height: size.height }, { width: vw, height: view.innerHeight });
    this.card.style.left = `${p.left}px`;
    this.card.style.top = `${p.top}px`;
    if (p.maxHeight !== undefined) this.card.style.maxHeight = `${p.maxHeight}px`;
    this.card.style.visibility = '';
  }

  hide(): void {
    this.guard?.unwatch();
    this.card?.remove();
    this.card = undefined;
    this.anchor = undefined;
    this.host?.remove();
  }
}

/** Follow the page's colours: dark when the first opaque background behind the number is dark. */
function isDark(range: Range): boolean {
  const node = range.commonAncestorContainer;
  let el: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const view = node.ownerDocument?.defaultView ?? window;
  for (; el; el = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null) {
    const rgba = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(
      view.getComputedStyle(el).backgroundColor,
    );
    if (!rgba || (rgba[4] !== undefined && +rgba[4] < 0.5)) continue;
    const [r, g, b] = [+rgba[1]!, +rgba[2]!, +rgba[3]!];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
  }
  return (
    view.matchMedia('(prefers-color-scheme: dark)').matches &&
    /dark/.test(view.getComputedStyle(view.document.documentElement).colorScheme)
  );
}
