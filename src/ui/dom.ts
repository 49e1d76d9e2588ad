// Tiny DOM builder for everything the extension draws (popup, options page, the hover card in its shadow root):
// createElement + textContent only (never HTML strings), because page text and DNS data are untrusted.
// `elementsIn(doc)` builds in a given document (the card builds in the page's); `h`, `append`, `replace` build
// in the extension page's own document.

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | boolean | undefined>;

export interface Elements {
  /** Create an element; string attributes are set as attributes, `true` sets an empty one, false/undefined skip. */
  h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
  append(parent: Node, ...children: Child[]): void;
  /** Replace all children of `parent`. */
  replace(parent: Element, ...children: Child[]): void;
}

export function elementsIn(doc: Document): Elements {
  const append = (parent: Node, ...children: Child[]): void => {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      parent.appendChild(typeof c === 'string' ? doc.createTextNode(c) : c);
    }
  };
  return {
    h(tag, attrs = {}, ...children) {
      const el = doc.createElement(tag);
      for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === false) continue;
        el.setAttribute(name, value === true ? '' : value);
      }
      append(el, ...children);
      return el;
    },
    append,
    replace(parent, ...children) {
      parent.replaceChildren();
      append(parent, ...children);
    },
  };
}

export const h: Elements['h'] = (tag, attrs, ...children) => elementsIn(document).h(tag, attrs, ...children);
export const append: Elements['append'] = (parent, ...children) => elementsIn(document).append(parent, ...children);
export const replace: Elements['replace'] = (parent, ...children) => elementsIn(document).replace(parent, ...children);
