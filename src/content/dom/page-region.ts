// The region hints for a piece of page text (detect/where-it-fits.ts): the page's region from the nearest `lang`
// (walking up through shadow hosts and from a frame we scan to its <iframe>), the user's region, the languages
// of country names. The DOM walk lives here; detection itself stays a pure function of text and hints.
import { nameLanguages, regionOfLang } from '../detect/region.ts';
import type { RegionHints } from '../detect/find-numbers.ts';

/** The nearest element with a `lang` attribute around `el`, through shadow hosts and frames we scan. */
function langHolder(el: Element | null): Element | null {
  let node: Element | null = el;
  while (node) {
    const withLang = node.closest('[lang]');
    if (withLang) return withLang;
    const root = node.getRootNode();
    if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) node = (root as ShadowRoot).host ?? null;
    else node = frameElementOf(root as Document);
  }
  return null;
}

/** Region for text inside `el`, or `fallback` (the user's region) when no `lang` names one. */
export function regionForElement(el: Element | null, fallback: string): string {
  const holder = langHolder(el);
  return holder ? (regionOfLang(holder.getAttribute('lang') ?? '', fallback) ?? fallback) : fallback;
}

/** Hints by the element whose `lang` they come from (or the document, for text under none). */
const hintsByHolder = new WeakMap<Element | Document, { lang: string; hints: RegionHints }>();

/**
 * Everything detection needs to choose the region a number inside `el` is read in. Blocks under the same `lang`
 * get the same object (detection batches texts by it).
 */
export function regionHints(el: Element | null, userRegion: string): RegionHints {
  const holder = langHolder(el);
  const key = holder ?? el?.ownerDocument ?? document;
  const lang = holder?.getAttribute('lang') ?? '';
  const cached = hintsByHolder.get(key);
  if (cached && cached.lang === lang && cached.hints.user === userRegion) return cached.hints;
  const page = holder ? (regionOfLang(lang, userRegion) ?? userRegion) : userRegion;
  const hints: RegionHints = { page, user: userRegion, languages: nameLanguages() };
  hintsByHolder.set(key, { lang, hints });
  return hints;
}

function frameElementOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}
