// The region hints for a piece of page text (detect/where-it-fits.ts): the page's region from the nearest `lang`
// (walking up through shadow hosts and from a frame we scan to its <iframe>), the user's region, the languages
// of country names. The DOM walk lives here; detection itself stays a pure function of text and hints.
import { nameLanguages, regionOfLang } from '../detect/region.ts';
import type { RegionHints } from '../detect/find-numbers.ts';

/** Region for text inside `el`, or `fallback` (the user's region) when no `lang` names one. */
export function regionForElement(el: Element | null, fallback: string): string {
  let node: Element | null = el;
  while (node) {
    const withLang = node.closest('[lang]');
    if (withLang) return regionOfLang(withLang.getAttribute('lang') ?? '', fallback) ?? fallback;
    const root = node.getRootNode();
    if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) node = (root as ShadowRoot).host ?? null;
    else node = frameElementOf(root as Document);
  }
  return fallback;
}

/** Everything detection needs to choose the region a number inside `el` is read in. */
export function regionHints(el: Element | null, userRegion: string): RegionHints {
  return { page: regionForElement(el, userRegion), user: userRegion, languages: nameLanguages() };
}

function frameElementOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}
