// resolveOn = "visible" (README "Settings"): numbers are resolved when they enter the viewport. With "hover"
// (the default) nothing leaves the browser until the user points at a number; with "never" only an explicit
// request (card button, context menu) resolves. A range cannot be observed, so the element holding it is, until
// every number in it has its answer: a number the rate limit holds back is looked up only if it is still in view
// when its turn comes (`shows`, retry-queue.ts), and again when it comes back into view after being dropped.
import type { Mark } from '../dom/marks.ts';

const elementOf = (mark: Mark): Element | null => {
  const node = mark.nodes[0]!;
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
};

export class VisibleResolver {
  private readonly observer: IntersectionObserver;
  private readonly numbers = new WeakMap<Element, Set<string>>();
  /** Observed elements in the viewport now. */
  private readonly inView = new Set<Element>();

  constructor(
    resolve: (e164: string) => void,
    /** The number has its answer (or failed for good): nothing more to do for it. */
    private readonly settled: (e164: string) => boolean,
    private readonly marksOf: (e164: string) => Iterable<Mark>,
  ) {
    this.observer = new IntersectionObserver((entries) => {
      for (const { target, isIntersecting } of entries) {
        if (!isIntersecting) {
          this.inView.delete(target);
          continue;
        }
        this.inView.add(target);
        for (const e164 of this.numbers.get(target) ?? []) resolve(e164);
        this.release(target);
      }
    });
  }

  observe(marks: Iterable<Mark>): void {
    for (const mark of marks) {
      const el = elementOf(mark);
      if (!el || this.settled(mark.e164)) continue;
      let set = this.numbers.get(el);
      if (!set) this.numbers.set(el, (set = new Set()));
      set.add(mark.e164);
      this.observer.observe(el);
    }
  }

  /** Some occurrence of `e164` is in the viewport. */
  shows(e164: string): boolean {
    for (const mark of this.marksOf(e164)) {
      const el = elementOf(mark);
      if (el && this.inView.has(el)) return true;
    }
    return false;
  }

  /** `e164` has its answer: stop watching the elements that hold nothing else to resolve. */
  settle(e164: string): void {
    for (const mark of this.marksOf(e164)) {
      const el = elementOf(mark);
      if (el) this.release(el);
    }
  }

  private release(el: Element): void {
    const set = this.numbers.get(el);
    if (!set || ![...set].every(this.settled)) return;
    this.observer.unobserve(el);
    this.numbers.delete(el);
    this.inView.delete(el);
  }

  disconnect(): void {
    this.observer.disconnect();
    this.inView.clear();
  }
}
