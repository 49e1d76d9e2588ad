// Reading the page annotations the way a page or a tool does (README "Page annotations"): the ranges of the
// CSS highlights `enum-<state>`, from the page's own world. Plain JavaScript text, so that it runs unchanged
// through playwright's and puppeteer's `evaluate` (no helpers a TypeScript transform might add).

export interface PageMark {
  /** id of the nearest ancestor with one, in the range's own tree. */
  where: string;
  text: string;
  state: string;
  /** The tag of the element holding the range's start. */
  tag: string;
  /** The range's bounding box in viewport coordinates. */
  box: { x: number; y: number; width: number; height: number };
  /** Its first line box (a number wrapped over two lines has two): where a pointer lands on it. */
  line: { x: number; y: number; width: number; height: number };
}

const READ_MARKS = `(function (rootSelector) {
  var states = ['idle', 'pending', 'pres', 'no-pres', 'none', 'error'];
  var root = null;
  if (rootSelector) {
    var parts = rootSelector.split(' >>> ');
    root = document;
    for (var i = 0; i < parts.length; i++) root = root.querySelector(parts[i]).shadowRoot;
  }
  var found = [];
  states.forEach(function (state) {
    var highlight = CSS.highlights.get('enum-' + state);
    if (!highlight) return;
    highlight.forEach(function (r) {
      var start = r.startContainer;
      if (root && start.getRootNode() !== root) return;
      if (!root && start.getRootNode() !== document) return;
      var range = start.ownerDocument.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      var el = start.nodeType === 1 ? start : start.parentElement;
      var withId = el && el.closest('[id]');
      var b = range.getBoundingClientRect();
      var box = { x: b.x, y: b.y, width: b.width, height: b.height };
      var l = range.getClientRects()[0] || b;
      var line = { x: l.x, y: l.y, width: l.width, height: l.height };
      found.push({ r: r, mark: { where: withId ? withId.id : '', text: range.toString(), state: state, tag: el ? el.localName : '', box: box, line: line } });
    });
  });
  found.sort(function (a, b) {
    if (a.r.startContainer === b.r.startContainer) return a.r.startOffset - b.r.startOffset;
    return a.r.startContainer.compareDocumentPosition(b.r.startContainer) & 4 ? -1 : 1;
  });
  return found.map(function (f) { return f.mark; });
})`;

/**
 * An expression for `evaluate` that returns the marks of the document, or of one shadow root
 * (`'#host'`, `'#outer >>> #inner'`; open roots only: a page cannot reach a closed one).
 */
export function readMarks(rootSelector?: string): string {
  return `${READ_MARKS}(${JSON.stringify(rootSelector ?? null)})`;
}

/** Marks inside a closed shadow root: the test reaches the root through a reference the page kept. */
export function readMarksIn(rootExpression: string): string {
  return `(function () {
    var root = ${rootExpression};
    var out = [];
    ['idle', 'pending', 'pres', 'no-pres', 'none', 'error'].forEach(function (state) {
      var h = CSS.highlights.get('enum-' + state);
      if (h) h.forEach(function (r) {
        if (r.startContainer.getRootNode() !== root) return;
        var range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push({ text: range.toString(), state: state });
      });
    });
    return out;
  })()`;
}

/** Every range's text in every enum-* highlight of the document, any tree: how many marks there are. */
export const COUNT_MARKS = `(function () {
  var n = 0;
  ['idle', 'pending', 'pres', 'no-pres', 'none', 'error'].forEach(function (s) { var h = CSS.highlights.get('enum-' + s); if (h) n += h.size; });
  return n;
})()`;
