// Where numbers are never marked (README "Page annotations"): form fields and editable content (a mark would
// follow the caret while the user types), ARIA text inputs, script-like elements, and SVG/MathML text.
const SKIPPED_TAGS =
  'head title input textarea select option script style noscript template iframe object embed canvas'.split(' ');
/** Skipped by an attribute: each of these selectors needs `contenteditable` or `role`. */
const SKIPPED_BY_ATTRIBUTE =
  '[contenteditable]:not([contenteditable="false" i]),[role="textbox" i],[role="searchbox" i],[role="combobox" i]';
export const SKIPPED_ELEMENTS = `${SKIPPED_TAGS.join()},${SKIPPED_BY_ATTRIBUTE}`;

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SKIPPED_TAG = new Set(SKIPPED_TAGS);

/**
 * The element and everything in it stays untouched. `el.matches(SKIPPED_ELEMENTS)`, asked in steps: the scan asks
 * it of every element of the page, and matching the whole selector list each time was a tenth of the DOM walk
 * (bench/page profile); a tag is a set lookup, and the attribute selectors only apply to elements that have one of
 * the two attributes. A type selector matches an HTML element by its local name, as the set does.
 */
export function isSkippedElement(el: Element): boolean {
  if (el.namespaceURI !== HTML_NS || SKIPPED_TAG.has(el.localName)) return true;
  return (el.hasAttribute('contenteditable') || el.hasAttribute('role')) && el.matches(SKIPPED_BY_ATTRIBUTE);
}

/** A node (text, element, shadow root or document) lies inside skipped content, including through shadow hosts. */
export function isInSkippedContent(node: Node): boolean {
  if ((node.ownerDocument ?? (node as Document)).designMode === 'on') return true;
  let el: Element | null =
    node.nodeType === Node.ELEMENT_NODE ? (node as Element) : ((node as ShadowRoot).host ?? node.parentElement);
  while (el) {
    if (el.namespaceURI !== HTML_NS || el.closest(SKIPPED_ELEMENTS)) return true;
    const root = el.getRootNode();
    el = root.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? ((root as ShadowRoot).host ?? null) : null;
  }
  return node.nodeType === Node.TEXT_NODE && !node.parentElement;
}

/** `<meta name="format-detection" content="telephone=no">`: the page opts out (iOS/Android convention). */
export function pageOptsOut(doc: Document): boolean {
  for (const meta of doc.querySelectorAll('meta[name="format-detection" i]')) {
    if (/(^|[,;\s])telephone\s*=\s*no\b/i.test(meta.getAttribute('content') ?? '')) return true;
  }
  return false;
}
