// Opening and closing the hover card: on real pointer movement over a number only, and from the context menu
// (context-menu.ts) for keyboard users. Resolution follows `resolveOn` (README "Settings"). A card opened from the
// context menu takes the focus (a dialog with a name, WAI-ARIA APG "Dialog"); Escape closes it and gives the focus
// back to the element that had it. A hovered card never moves the focus.
// Only a trusted `pointermove` with non-zero movement starts the intent delay: trusted `pointerover` and
// zero-movement moves also come from layout and scrolling under a resting pointer, which a page controls.
// Synthetic events (`isTrusted === false`) never count. Marks are ranges, not elements, so one passive listener
// per document hit-tests the pointer (hit-test.ts), and a number a user cannot see is never resolved.
import { parsePhoneNumberFromString } from '../detect/phone-lib.ts';
import type { ResolveOn } from '../../shared/page-settings.ts';
import type { Mark, Marks } from '../dom/marks.ts';
import { presToWatch, usableAnswer, type NumberStates } from '../lookups/number-states.ts';
import type { NumberPresence } from '../lookups/presence.ts';
import { buildCard } from './card-view.ts';
import { CardHost } from './card-host.ts';
import { isVisibleMark, liveRange, type HitTest } from './hit-test.ts';
import { shadowRootOf } from '../dom/shadow-roots.ts';

const SHOW_DELAY_MS = 300;
const HIDE_DELAY_MS = 350;

export class HoverCards {
  private readonly hosts = new WeakMap<Document, CardHost>();
  /**
   * The card shown; `returnFocus`: where Escape puts the focus back (a card opened with the focus); `viewed`:
   * its number's presence was asked for.
   */
  private current: { host: CardHost; e164: string; returnFocus?: HTMLElement; viewed?: boolean } | undefined;
  /** The next render moves the focus into the card. */
  private focusNext = false;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;
  /** The mark the pointer moved onto, and where the pointer last moved. */
  private hovered: Mark | undefined;
  private pointer = { x: 0, y: 0 };
  private closeListeners: (() => void) | undefined;
  /** Numbers whose card waits for the next frame to be redrawn (refresh). */
  private readonly redraw = new Set<string>();

  constructor(
    private readonly states: NumberStates,
    private readonly presence: NumberPresence,
    private readonly marks: Marks,
    private readonly hits: HitTest,
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

  /** Follow the pointer over a document (events from its shadow trees reach it composed). */
  listen(doc: Document): void {
    doc.addEventListener('pointermove', this.onMove, { capture: true, passive: true, signal: this.signal });
  }

  private readonly onMove = (event: PointerEvent): void => {
    if (!event.isTrusted || event.pointerType === 'touch' || (event.movementX === 0 && event.movementY === 0)) return;
    const doc = (event.currentTarget as Document | null) ?? document;
    this.pointer = { x: event.clientX, y: event.clientY };
    if (this.current?.host.contains(event.composedPath()[0] ?? null)) {
      clearTimeout(this.hideTimer);
      return;
    }
    const mark = this.hits(doc, event.clientX, event.clientY);
    if (mark === this.hovered) return;
    this.hovered = mark;
    clearTimeout(this.showTimer);
    if (!mark) {
      if (this.current) this.scheduleHide();
      return;
    }
    clearTimeout(this.hideTimer);
    this.showTimer = setTimeout(() => {
      // Still there, still the number under the pointer, and a number a user can see.
      if (this.hovered !== mark || !this.marks.has(mark) || this.hits(doc, this.pointer.x, this.pointer.y) !== mark)
        return;
      if (isVisibleMark(mark)) this.open(liveRange(mark), mark.e164, false);
    }, SHOW_DELAY_MS);
  };

  private scheduleHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.close(), HIDE_DELAY_MS);
  }

  /**
   * Show the card for `e164` next to `anchor`; `explicit` (context menu, button) resolves even with "never";
   * `focus` (context menu: the keyboard path) moves the focus into the card.
   */
  open(anchor: Range, e164: string, explicit: boolean, focus = false): void {
    const doc = anchor.startContainer.ownerDocument!;
    let host = this.hosts.get(doc);
    if (!host) {
      host = new CardHost(doc);
      this.hosts.set(doc, host);
    }
    if (this.current && this.current.host !== host) this.current.host.hide();
    const kept = this.current?.host === host ? this.current.returnFocus : undefined;
    this.current = { host, e164, returnFocus: kept ?? (focus ? focusedElement(doc) : undefined) };
    this.focusNext = focus;
    host.anchor = anchor;
    const mode = this.resolveOn();
    if (explicit || mode !== 'never') this.states.resolve(e164, true);
    this.render();
    this.listenWhileOpen(doc);
  }

  /** A card shows `e164` now. */
  shows(e164: string): boolean {
    return this.current?.e164 === e164;
  }

  /** Whether `el` hosts one of our cards (its closed root is ours, not the page's: never scanned). */
  owns(el: Element): boolean {
    return this.hosts.get(el.ownerDocument)?.contains(el) ?? false;
  }

  /**
   * Presence of `e164` changed: redraw its card if open, at the next frame. The mark has changed already; the
   * card's rebuild (a layout, to place it) runs in the frame that paints both, not in the task that brought the
   * change, and changes within one frame redraw it once (bench/presence).
   */
  refresh(e164: string): void {
    if (this.current?.e164 !== e164) return;
    const view = this.current.host.anchor?.startContainer.ownerDocument?.defaultView;
    if (!view) return this.render();
    this.redraw.add(e164);
    if (this.redraw.size > 1) return; // a frame is already asked for
    view.requestAnimationFrame(() => {
      const changed = this.current && this.redraw.has(this.current.e164);
      this.redraw.clear();
      if (changed) this.render();
    });
  }

  private render(): void {
    const anchor = this.current?.host.anchor;
    if (!anchor) return;
    const { host, e164 } = this.current!;
    const lookup = this.states.get(e164);
    const formatted = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
    const now = Date.now();
    // "never": the user starts each lookup, also when the answer shown is too old to act on (its presence).
    const offerLookup =
      lookup.state === 'error' ||
      (this.resolveOn() === 'never' && (lookup.state === 'idle' || (!!lookup.result && !usableAnswer(lookup, now))));
    // Once per opening, once its lookup answered with pres URIs: the background watches them while the user looks.
    const pres = presToWatch(lookup, now);
    if (pres.length && !this.current!.viewed) {
      this.current!.viewed = true;
      void this.presence.view(e164, pres);
    }
    const data = {
      formatted,
      state: lookup.state,
      result: lookup.result,
      error: lookup.error,
      offerLookup,
      now,
      presence: this.presence.of(e164),
    };
    const card = buildCard(anchor.startContainer.ownerDocument!, data, () => this.states.resolve(e164, true));
    card.addEventListener('pointerenter', (e) => e.isTrusted && clearTimeout(this.hideTimer));
    card.addEventListener('pointerleave', (e) => e.isTrusted && this.scheduleHide());
    host.show(anchor, card, this.focusNext);
    this.focusNext = false;
  }

  private listenWhileOpen(doc: Document): void {
    const view = doc.defaultView!;
    const close = new AbortController();
    const signal = AbortSignal.any([close.signal, this.signal]);
    const done = () => close.abort();
    view.addEventListener('keydown', (e) => e.key === 'Escape' && this.close(true), { signal, capture: true });
    view.addEventListener('scroll', () => this.current?.host.position(), { signal, capture: true, passive: true });
    view.addEventListener('resize', () => this.current?.host.position(), { signal, passive: true });
    view.addEventListener('pointerdown', (e) => !this.current?.host.contains(e.target) && this.close(), {
      signal,
      capture: true,
    });
    this.closeListeners?.();
    this.closeListeners = done;
  }

  /** Hide the card; `restoreFocus` (Escape) gives the focus back when the card had it. */
  close(restoreFocus = false): void {
    this.hovered = undefined;
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    const hadFocus = this.current?.host.hasFocus() ?? false;
    const back = this.current?.returnFocus;
    this.current?.host.hide();
    this.current = undefined;
    this.focusNext = false;
    if (restoreFocus && hadFocus && back?.isConnected) back.focus({ preventScroll: true });
    this.closeListeners?.();
    this.closeListeners = undefined;
  }
}

/** The focused element, inside the page's shadow roots too; undefined when nothing but the body has the focus. */
function focusedElement(doc: Document): HTMLElement | undefined {
  let el = doc.activeElement;
  for (let root = el && shadowRootOf(el); root?.activeElement; root = shadowRootOf(el!)) el = root.activeElement;
  return el && el !== doc.body && el !== doc.documentElement ? (el as HTMLElement) : undefined;
}
