// The inline text of a block, as the matcher sees it: consecutive text nodes with no block boundary between
// them, joined. `<b>(202)</b> 555-0143`, `<span>+1</span> <span>202</span> …`, a number broken by `<wbr>` or a
// soft hyphen (U+00AD, left out of the joined text) are one number spanning several text nodes; a `<p>`, `<td>`,
// `<li>`, `<br>` or any other element not listed below ends the text (README "Page annotations").

/** Phrasing elements that never break a line by default (HTML "Phrasing content"; line breaks and replaced elements excluded). */
const INLINE = new Set(
  'a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp small span strike strong sub sup time tt u var wbr'.split(
    ' ',
  ),
);

/** `el` continues the inline text around it (it is no boundary). Shadow hosts render their own tree: a boundary. */
export function isInline(el: Element): boolean {
  return INLINE.has(el.localName) && !el.shadowRoot;
}

/** The element (or root) whose inline text holds `node`: its nearest non-inline ancestor. */
export function blockOf(node: Node): Node {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && isInline(el)) el = el.parentElement;
  return el ?? node.getRootNode();
}

interface Segment {
  /** Index of the text node in `nodes`. */
  index: number;
  /** Offset in that node's data. */
  from: number;
  /** Offset in the joined text. */
  at: number;
  length: number;
}

export class InlineText {
  readonly nodes: Text[] = [];
  private readonly segments: Segment[] = [];
  private readonly parts: string[] = [];
  private length = 0;

  append(node: Text): void {
    const index = this.nodes.push(node) - 1;
    const data = node.data;
    for (let from = 0; from <= data.length;) {
      let end = data.indexOf('\u00ad', from);
      if (end === -1) end = data.length;
      if (end > from) {
        this.segments.push({ index, from, at: this.length, length: end - from });
        this.parts.push(end - from === data.length ? data : data.slice(from, end));
        this.length += end - from;
      }
      from = end + 1;
    }
  }

  get text(): string {
    return this.parts.join('');
  }

  /** The nodes and offsets of joined-text offsets [start, end), with the text nodes the range spans. */
  locate(start: number, end: number): { init: StaticRangeInit; nodes: Text[] } {
    const first = this.segmentAt(start);
    const last = this.segmentAt(end - 1);
    return {
      init: {
        startContainer: this.nodes[first.index]!,
        startOffset: first.from + (start - first.at),
        endContainer: this.nodes[last.index]!,
        endOffset: last.from + (end - 1 - last.at) + 1,
      },
      nodes: this.nodes.slice(first.index, last.index + 1),
    };
  }

  private segmentAt(offset: number): Segment {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.at <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.segments[lo]!;
  }
}
