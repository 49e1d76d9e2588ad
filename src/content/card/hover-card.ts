// Opening and closing the hover card (issue 3, "Hover card"): on a trusted pointer hover only — synthetic
// events from page scripts (`isTrusted === false`) never show a card or trigger a lookup — and from the
// context menu (context-menu.ts) for keyboard users. Resolution follows `resolveOn` (settings.ts).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
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

  /** Listen for hovers on an annotated element (a wrapper or a tel: link). */
  attach(el: Element): void {
    el.addEventListener('pointerenter', this.onEnter, { signal: this.signal });
    el.addEventListener('pointerleave', this.onLeave, { signal: this.signal });
  }

  private readonly onEnter = (event: Event): void => {
    if (!event.isTrusted || (event as PointerEvent).pointerType === 'touch') return;
    const el = event.currentTarget as Element;
    clearTimeout(this.hideTimer);
    clearTimeout(this.showTimer);
    this.showTimer = setTimeout(() => {
      const e164 = el.getAttribute('data-enum-e164');
      if (e164 && el.isConnected) this.open(el, e164, false);
    }, SHOW_DELAY_MS);
  };

  private readonly onLeave = (event: Event): void => {
    if (!event.isTrusted) return;
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
