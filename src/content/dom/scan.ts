// Scanning a subtree for numbers as resumable work (a generator yields between small units, so the idle
// queue can stop after a few milliseconds and resume later; issue 3, "Everywhere else").
import type { Annotations } from './annotations.ts';
import type { PendingWrite } from './write-batch.ts';
import { E164_ATTR, WRAPPER_TAG } from './annotations.ts';
import { isInSkippedContent, isSkippedElement } from './where-not.ts';
import { enclosingTelLink, TEL_LINK, telNumber } from './tel-links.ts';
import { hasDigits } from '../detect/digits.ts';
import { chunkBoundaries } from '../detect/chunks.ts';
import { findNumbers, type Detection } from '../detect/find-numbers.ts';
import { regionForElement, regionHints } from './page-region.ts';

export interface ScanHost {
  annotations: Annotations;
  /** The user's default region (setting or browser locale). */
  userRegion: string;
  /** An open shadow root or an about:blank/srcdoc frame document was found: observe and scan it. */
  addRoot(root: ShadowRoot | Document): void;
  /** Elements were annotated (wrappers or tel: links). */
  annotated(elements: Element[]): void;
  /** Called right after each DOM write, to drop the observer records our own writes caused. */
  wrote(): void;
  /** Queue wrapping the numbers found in a text node (applied in batches, write-batch.ts). */
  write(write: PendingWrite): void;
  /** Text nodes already scanned in this session, with the text they held then (changed text is scanned again). */
  scanned: WeakMap<Text, string>;
  /** Frames already watched for their about:blank/srcdoc documents. */
  frames: WeakSet<Element>;
}

const ELEMENTS_PER_YIELD = 200;
const WRAPPER_UPPER = WRAPPER_TAG.toUpperCase();

export function* scanNode(node: Node, host: ScanHost): Generator<void, void, void> {
  if (!node.isConnected) return;
  if (node.nodeType === Node.TEXT_NODE) {
    if (!host.annotations.isOwn(node) && !isInSkippedContent(node)) yield* scanText(node as Text, host);
    return;
  }
  if (node.nodeType === Node.ELEMENT_NODE) {
    const el = node as Element;
    if (el.tagName === WRAPPER_UPPER || isInSkippedContent(el)) return;
  }
  const doc = node.ownerDocument ?? (node as Document);
  const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => {
      if (n.nodeType === Node.TEXT_NODE) return hasDigits((n as Text).data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      const el = n as Element;
      if (el.tagName === 'IFRAME') visitFrame(el as HTMLIFrameElement, host);
      return el.tagName === WRAPPER_UPPER || isSkippedElement(el) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  let sinceYield = 0;
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      yield* scanText(n as Text, host);
      sinceYield = 0;
    } else {
      const el = n as Element;
      if (el.shadowRoot) host.addRoot(el.shadowRoot);
      if (el.tagName === 'A' && el.matches(TEL_LINK)) annotateTelLink(el, host);
      if (++sinceYield < ELEMENTS_PER_YIELD) continue;
      sinceYield = 0;
      yield;
    }
    // The page may have removed the node we stand on while we yielded: start over (scanned text is skipped).
    if (!node.isConnected) return;
    if (!walker.currentNode.isConnected) walker.currentNode = node;
  }
}

function* scanText(text: Text, host: ScanHost): Generator<void, void, void> {
  const data = text.data;
  if (host.scanned.get(text) === data || host.annotations.groupFor(text)) return;
  host.scanned.set(text, data);
  if (!hasDigits(data)) return;
  const hints = regionHints(text.parentElement, host.userRegion);
  let detections: Detection[] = [];
  const cuts = chunkBoundaries(data);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const offset = cuts[i]!;
    for (const d of findNumbers(data.slice(offset, cuts[i + 1]), hints)) detections.push({ ...d, start: d.start + offset, end: d.end + offset });
    if (i + 2 < cuts.length) yield;
  }
  const link = enclosingTelLink(text);
  if (link) {
    const linkNumber = annotateTelLink(link, host);
    detections = detections.filter((d) => d.e164 !== linkNumber);
  }
  if (detections.length > 0) host.write({ text, data, detections });
  yield;
}

/** Apply one batched write, unless the page changed or removed the text node meanwhile. */
export function applyWrite({ text, data, detections }: PendingWrite, host: ScanHost): void {
  if (text.data !== data || !text.isConnected || host.annotations.groupFor(text)) return;
  const wrappers = host.annotations.wrap(text, detections);
  host.wrote();
  host.annotated(wrappers);
}

function annotateTelLink(link: Element, host: ScanHost): string | undefined {
  const e164 = telNumber(link.getAttribute('href') ?? '', regionForElement(link, host.userRegion));
  if (!e164) return undefined;
  if (link.getAttribute(E164_ATTR) !== e164) {
    host.annotations.markLink(link, e164);
    host.wrote();
    host.annotated([link]);
  }
  return e164;
}

/**
 * Frames loaded from an http(s) URL run their own copy of this script (manifest `all_frames`). Frames without
 * one — no src, about:blank, srcdoc, filled by document.write (whose URL then becomes the parent's) — get no
 * content script, so same-origin ones are scanned from here.
 */
function visitFrame(frame: HTMLIFrameElement, host: ScanHost): void {
  if (host.frames.has(frame)) return;
  host.frames.add(frame);
  const watch = () => {
    if (hasOwnScript(frame)) return;
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument;
    } catch {
      return;
    }
    if (doc?.documentElement) host.addRoot(doc);
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
