// Opening and closing the hover card (issue 3, "Hover card"): on a trusted pointer hover only — synthetic
// events from page scripts (`isTrusted === false`) never show a card or trigger a lookup — and from the
// context menu (context-menu.ts) for keyboard users. Resolution follows `resolveOn` (settings.ts).
import { parsePhoneNumberFromString } from '../detect/phone-lib.ts';
import type { ResolveOn } from '../../shared/settings.ts';
import type { NumberStates } from '../resolve/number-states.ts';
import { buildCard } from './card-view.ts';
import { CardHost } from './card-host.ts';

const SHOW_DELAY_MS = 300;
const HIDE_DELAY_MS = 350;

export class HoverCards {
  private readonly hosts = new WeakMap<Document, CardHost>();
  private current: { host: CardHost; e164: string } | undefined;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly states: NumberStates,
    private readonly resolveOn: () => ResolveOn,
    private readonly signal: AbortSignal,
  ) {
    this.unsubscribe = states.onChange((e164) => {
      if (this.current?.e164 === e164) this.render();
    });
    signal.addEventListener('abort', () => {
      this.close();
      this.unsubscribe();
    });
  }

  private hovered: Element | undefined;

  /**
   * Listen for hovers on the annotated elements of a document or shadow root: one delegated pair of listeners
   * per root instead of two per number (bench/page: 10,000 listeners cost time and memory on a big page).
   */
  listen(root: Document | ShadowRoot): void {
    root.addEventListener('pointerover', this.onOver, { capture: true, passive: true, signal: this.signal });
    root.addEventListener('pointerout', this.onOut, { capture: true, passive: true, signal: this.signal });
  }

  private readonly onOver = (event: Event): void => {
    const el = annotatedAt(event);
    if (!event.isTrusted || (event as PointerEvent).pointerType === 'touch' || !el || el === this.hovered) return;
    this.hovered = el;
    clearTimeout(this.hideTimer);
    clearTimeout(this.showTimer);
    this.showTimer = setTimeout(() => {
      const e164 = el.getAttribute('data-enum-e164');
      if (e164 && el.isConnected && this.hovered === el) this.open(el, e164, false);
    }, SHOW_DELAY_MS);
  };

  private readonly onOut = (event: Event): void => {
    const el = annotatedAt(event);
    if (!event.isTrusted || !el || el !== this.hovered) return;
    const to = (event as PointerEvent).relatedTarget;
    if (to instanceof Node && el.contains(to)) return;
    this.hovered = undefined;
    clearTimeout(this.showTimer);
    this.scheduleHide();
  };

  private scheduleHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.close(), HIDE_DELAY_MS);
  }

  /** Show the card for `e164` next to `anchor`; `explicit` (context menu, button) resolves even with "never". */
  open(anchor: Element | Range, e164: string, explicit: boolean): void {
    const doc = documentOf(anchor);
    let host = this.hosts.get(doc);
    if (!host) {
      host = new CardHost(doc);
      this.hosts.set(doc, host);
    }
    if (this.current && this.current.host !== host) this.current.host.hide();
    this.current = { host, e164 };
    host.anchor = anchor;
    const mode = this.resolveOn();
    if (explicit || mode !== 'never') void this.states.resolve(e164);
    this.render();
    this.listenWhileOpen(doc);
  }

  private render(): void {
    if (!this.current?.host.anchor) return;
    const { host, e164 } = this.current;
    const lookup = this.states.get(e164);
    const formatted = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
    const offerLookup = lookup.state === 'error' || (lookup.state === 'idle' && this.resolveOn() === 'never');
    const data = { formatted, state: lookup.state, result: lookup.result, error: lookup.error, offerLookup, now: Date.now() };
    const card = buildCard(documentOf(host.anchor!), data, () => void this.states.resolve(e164));
    card.addEventListener('pointerenter', (e) => e.isTrusted && clearTimeout(this.hideTimer));
    card.addEventListener('pointerleave', (e) => e.isTrusted && this.scheduleHide());
    host.show(host.anchor!, card);
  }

  private listenWhileOpen(doc: Document): void {
    const view = doc.defaultView!;
    const close = new AbortController();
    const signal = AbortSignal.any([close.signal, this.signal]);
    const done = () => close.abort();
    view.addEventListener('keydown', (e) => e.key === 'Escape' && this.close(), { signal, capture: true });
    view.addEventListener('scroll', () => this.current?.host.position(), { signal, capture: true, passive: true });
    view.addEventListener('resize', () => this.current?.host.position(), { signal, passive: true });
    view.addEventListener('pointerdown', (e) => !this.current?.host.contains(e.target) && this.close(), { signal, capture: true });
    this.closeListeners?.();
    this.closeListeners = done;
  }

  private closeListeners: (() => void) | undefined;

  close(): void {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.current?.host.hide();
    this.current = undefined;
    this.closeListeners?.();
    this.closeListeners = undefined;
  }
}

function documentOf(anchor: Element | Range): Document {
  return 'commonAncestorContainer' in anchor ? anchor.startContainer.ownerDocument! : anchor.ownerDocument;
}

/** The annotated element (wrapper or tel: link) an event happened in, if any. */
function annotatedAt(event: Event): Element | undefined {
  const target = event.composedPath()[0];
  const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  return el?.closest('[data-enum-e164]') ?? undefined;
}
