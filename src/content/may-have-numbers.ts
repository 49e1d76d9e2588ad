// The cheap pre-check before the matcher is started: the matcher and its metadata load only where numbers may exist.
import { digitsUpTo } from './detect/digits.ts';
import { shadowRootOf } from './dom/shadow-roots.ts';

/** The body's text holds 5 digits: text nodes one by one, stopping there (no 1 MB textContent string). */
function bodyHasDigits(doc: Document, min = 5): boolean {
  if (!doc.body) return false;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode())
    if ((n += digitsUpTo((t as Text).data, min - n)) >= min) return true;
  return false;
}

function mayHaveNumbers(doc: Document): boolean {
  if (bodyHasDigits(doc)) return true;
  if (doc.querySelector('a[href^="tel:" i], iframe')) return true;
  // Shadow roots (open or closed) are invisible to textContent; look for one (rare on pages without any digits).
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (shadowRootOf(n as Element)) return true;
  return false;
}

/** Call `load` once, now or when the page first gains something that may hold a number. */
export function whenNumbersMayExist(doc: Document, load: () => void): void {
  if (!doc.documentElement) return;
  if (mayHaveNumbers(doc)) {
    load();
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    // Never work inside the callback (uBlock Origin's rule): check once per burst, a moment later.
    timer ??= setTimeout(() => {
      timer = undefined;
      if (!mayHaveNumbers(doc)) return;
      observer.disconnect();
      load();
    }, 500);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
}
