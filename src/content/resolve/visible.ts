// resolveOn = "visible" (settings.ts): numbers are resolved when they enter the viewport. With "hover" (the
// default) nothing leaves the browser until the user points at a number (issue 3: the DoH provider learns only
// what the user chose to look at); with "never" only an explicit request (card button, context menu) resolves.

export class VisibleResolver {
  private readonly observer: IntersectionObserver;

  constructor(resolve: (e164: string) => void, numberOf: (el: Element) => string | null) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.observer.unobserve(entry.target);
        const e164 = numberOf(entry.target);
        if (e164) resolve(e164);
      }
    });
  }

  observe(elements: Iterable<Element>): void {
    for (const el of elements) this.observer.observe(el);
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
