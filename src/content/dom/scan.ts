// Scanning a subtree for numbers as resumable work: a generator that yields between small units, so the idle
// queue can stop after a few milliseconds and resume later. Text is matched per inline text of a block
// (inline-text.ts), many small ones in one detector call (text-batch.ts); what was found becomes marks (marks.ts). Scanning is idempotent: text scanned before and
// unchanged is skipped, changed text loses its marks first, so a page edit never leaves a stale range.
import type { Mark, Marks } from './marks.ts';
import { isInSkippedContent, isSkippedElement } from './skip-rules.ts';
import { blockOf, InlineText, isInline } from './inline-text.ts';
import { shadowRootOf } from './shadow-roots.ts';
import { isOwnHost } from './own-hosts.ts';
import { TEL_LINK, telNumber } from './tel-links.ts';
import { hasDigits } from '../detect/digits.ts';
import { TextBatch } from './text-batch.ts';
import { regionForElement, regionHints } from './page-region.ts';

/** One inline text as it was scanned: its nodes, each with the data it held. */
interface Scanned {
  nodes: readonly Text[];
}

export interface ScanContext {
  marks: Marks;
  /** The user's default region (setting or browser locale). */
  userRegion: string;
  /** A shadow root or an about:blank/srcdoc frame document was found: observe and scan it. */
  addRoot(root: ShadowRoot | Document): void;
  /** New marks were made. */
  marked(marks: Mark[]): void;
  /** Text nodes already scanned, with their data then and the inline text they were part of. */
  scanned: WeakMap<Text, { data: string; text: Scanned }>;
  /** tel: links marked, with the href and child count their mark was made for. */
  links: WeakMap<Element, string>;
  /** Frames already watched for their about:blank/srcdoc documents. */
  frames: WeakSet<Element>;
}

const NODES_PER_YIELD = 200;

/** Scan the inline texts around and inside `node` (a root, an element or a text node). */
export function* scanNode(node: Node, ctx: ScanContext): Generator<void, void, void> {
  const block =
    node.nodeType === Node.DOCUMENT_NODE || node.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? node : blockOf(node);
  if (!block.isConnected || isOwnHost(block) || isInSkippedContent(block)) return;
  // A walk of our own in document order rather than a TreeWalker with a filter: the filter is a call from the
  // browser into script for every node (bench/page: a tenth of the scan). Entering or leaving a non-inline or
  // skipped element ends the current inline text (inline-text.ts).
  let boundary = false;
  let text = new InlineText();
  /** Numbers of the tel: links in the current inline text, and of those met since its last text node. */
  let links: string[] = [];
  let linksAhead: string[] = [];
  let count = 0;
  const batch = new TextBatch(ctx.marks, ctx.marked);
  let n: Node | null = block.firstChild;
  while (n !== null) {
    let descend = false;
    if (n.nodeType === Node.TEXT_NODE) {
      if (boundary) {
        boundary = false;
        yield* scanText(text, links, ctx, batch);
        text = new InlineText();
        links = [];
      }
      text.append(n as Text);
      if (linksAhead.length) {
        links.push(...linksAhead);
        linksAhead = [];
      }
    } else if (n.nodeType === Node.ELEMENT_NODE) {
      const el = n as Element;
      // The card's host is not part of the page: passed by, no boundary (own-hosts.ts).
      if (!isOwnHost(el)) {
        if (el.localName === 'iframe') visitFrame(el as HTMLIFrameElement, ctx);
        if (isSkippedElement(el)) boundary = true;
        else {
          if (!isInline(el)) boundary = true;
          const root = shadowRootOf(el);
          if (root) ctx.addRoot(root);
          if (el.localName === 'a' && el.matches(TEL_LINK)) {
            const e164 = markTelLink(el, ctx);
            if (e164) linksAhead.push(e164);
          }
          descend = el.firstChild !== null;
        }
      }
    }
    if (++count % NODES_PER_YIELD === 0) {
      yield;
      // The page may have removed what we stand on while we yielded: stop (its records bring us back), matching
      // what is queued (recorded as scanned; marks on removed text go with Marks.prune).
      if (!block.isConnected || !n.isConnected) return yield* batch.flush();
    }
    if (descend) {
      n = n.firstChild;
      continue;
    }
    // Next in document order within `block`; leaving a non-inline element is a boundary too.
    while (n !== null && n !== block && n.nextSibling === null) {
      n = n.parentNode;
      if (n !== null && n !== block && !isInline(n as Element)) boundary = true;
    }
    n = n === null || n === block ? null : n.nextSibling;
  }
  yield* scanText(text, links, ctx, batch);
  yield* batch.flush();
}

/** Queue one inline text for matching (text-batch.ts), unless it is exactly as scanned before. */
function* scanText(
  text: InlineText,
  links: readonly string[],
  ctx: ScanContext,
  batch: TextBatch,
): Generator<void, void, void> {
  const { nodes } = text;
  if (nodes.length === 0 || unchanged(nodes, ctx)) return;
  const scanned: Scanned = { nodes };
  for (const node of nodes) {
    ctx.marks.removeAt(node);
    ctx.scanned.set(node, { data: node.data, text: scanned });
  }
  const data = text.text;
  if (!hasDigits(data)) return;
  yield* batch.add(text, data, links, regionHints(nodes[0]!.parentElement, ctx.userRegion));
}

function unchanged(nodes: readonly Text[], ctx: ScanContext): boolean {
  const first = ctx.scanned.get(nodes[0]!);
  if (!first || first.text.nodes.length !== nodes.length) return false;
  return nodes.every((node) => {
    const seen = ctx.scanned.get(node);
    return seen?.text === first.text && seen.data === node.data;
  });
}

/** A tel: link is one mark over its contents, for the number its href names; returns that number. */
function markTelLink(link: Element, ctx: ScanContext): string | undefined {
  const href = link.getAttribute('href') ?? '';
  const e164 = telNumber(href, regionForElement(link, ctx.userRegion));
  const key = `${e164}|${link.childNodes.length}`;
  if (ctx.links.get(link) === key) return e164;
  ctx.marks.removeAt(link);
  ctx.links.set(link, key);
  if (e164) {
    const init = { startContainer: link, startOffset: 0, endContainer: link, endOffset: link.childNodes.length };
    ctx.marked([ctx.marks.add(init, e164, [link])]);
  }
  return e164;
}

/**
 * Frames loaded from an http(s) URL run their own copy of this script (manifest `all_frames`). Frames without
 * one — no src, about:blank, srcdoc, filled by document.write (whose URL then becomes the parent's) — get no
 * content script, so same-origin ones are scanned from here.
 */
function visitFrame(frame: HTMLIFrameElement, ctx: ScanContext): void {
  if (ctx.frames.has(frame)) return;
  ctx.frames.add(frame);
  const watch = () => {
    if (hasOwnScript(frame)) return;
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument;
    } catch {
      return;
    }
    if (doc?.documentElement) ctx.addRoot(doc);
  };
  watch();
  frame.addEventListener('load', watch);
}

function hasOwnScript(frame: HTMLIFrameElement): boolean {
  if (frame.hasAttribute('srcdoc')) return false;
  const src = frame.getAttribute('src')?.trim();
  if (!src) return false;
  try {
    return /^https?:$/.test(new URL(src, frame.baseURI).protocol);
  } catch {
    return false;
  }
}
