// resolveOn = "visible" (README "Settings"): numbers are resolved when they enter the viewport. With "hover"
// (the default) nothing leaves the browser until the user points at a number; with "never" only an explicit
// request (card button, context menu) resolves. A range cannot be observed, so the element holding it is.
import type { Mark } from '../dom/marks.ts';

export class VisibleResolver {
  private readonly observer: IntersectionObserver;
  private readonly numbers = new WeakMap<Element, Set<string>>();

  constructor(resolve: (e164: string) => void) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.observer.unobserve(entry.target);
        for (const e164 of this.numbers.get(entry.target) ?? []) resolve(e164);
        this.numbers.delete(entry.target);
      }
    });
  }

  observe(marks: Iterable<Mark>): void {
    for (const mark of marks) {
      const node = mark.nodes[0]!;
      const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
      if (!el) continue;
      let set = this.numbers.get(el);
      if (!set) this.numbers.set(el, (set = new Set()));
      set.add(mark.e164);
      this.observer.observe(el);
    }
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
