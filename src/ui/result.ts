// Rendering of one ENUM LookupResult for the popup (tab numbers and typed numbers share this form).
// DNS data is untrusted: text only, and only allow-listed URI schemes become links.
import type { LookupResult, UriResult } from '../core/enum/types.ts';
import { linkScheme, STATE_LABELS } from '../shared/display.ts';
import { stateOfResult, type NumberState } from '../shared/protocol.ts';
import { h } from './dom.ts';

/** A link for allow-listed schemes, plain text otherwise. */
export function uriNode(uri: string): HTMLElement {
  if (!linkScheme(uri)) return h('code', { class: 'uri' }, uri);
  return h('a', { class: 'uri', href: uri, target: '_blank', rel: 'noopener noreferrer' }, uri);
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(fetchedAt: number, now: number): string {
  const s = Math.max(0, Math.round((now - fetchedAt) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function stateBadge(state: NumberState): HTMLElement {
  return h('span', { class: 'state', 'data-state': state }, STATE_LABELS[state]);
}

function uriItem(u: UriResult): HTMLElement {
  return h('li', {}, uriNode(u.uri), ' ', h('span', { class: 'services' }, u.enumservices.join(', ') || 'no enumservice'));
}

/** The full form of a result: state, pres URIs, other URIs with enumservices, DNSSEC, cache age. */
export function renderResult(result: LookupResult, now = Date.now()): HTMLElement {
  const state = stateOfResult(result);
  const others = result.uris.filter((u) => !result.pres.includes(u.uri) && !u.enumservices.includes('pres'));
  const section = h(
    'article',
    { class: 'result', 'data-state': state, 'data-e164': result.e164, 'aria-label': `ENUM result for ${result.e164}` },
    h('header', {}, h('strong', { class: 'e164' }, result.e164), ' ', stateBadge(state)),
  );
  if (result.status === 'error') {
    // <bdi>: a resolver's text cannot reorder what surrounds it (UAX #9 isolates).
    section.append(h('p', { class: 'error', role: 'alert' }, ...(result.error ? [h('bdi', {}, result.error.message), ` (${result.error.code})`] : ['Unknown error.'])));
  }
  if (result.pres.length > 0) {
    section.append(h('h3', {}, 'Presence'), h('ul', { class: 'pres' }, ...result.pres.map((p) => h('li', {}, uriNode(p)))));
  }
  if (others.length > 0) {
    section.append(h('h3', {}, 'Other ways to reach'), h('ul', { class: 'uris' }, ...others.map(uriItem)));
  }
  if (result.rejected.length > 0) {
    const omitted = result.rejectedOmitted ?? 0;
    const details = h('details', { class: 'rejected' }, h('summary', {}, `${result.rejected.length + omitted} record(s) ignored`));
    // Reasons quote zone data (escaped by core); each sits in <bdi> so that no bidi control reorders the list.
    details.append(h('ul', {}, ...result.rejected.map((r) => h('li', {}, h('bdi', {}, h('code', {}, r.record)), ' — ', h('bdi', { class: 'reason' }, r.reason)))));
    if (omitted > 0) details.append(h('p', {}, `${omitted} more not listed.`));
    section.append(details);
  }
  const meta = h('p', { class: 'meta' });
  if (result.domain) meta.append(h('span', { class: 'domain' }, result.domain), ' · ');
  meta.append(
    h('span', { class: 'dnssec', 'data-dnssec': String(result.dnssec) }, result.dnssec ? 'DNSSEC validated' : 'DNSSEC not validated'),
    ' · ',
    h('span', { class: 'age' }, `fetched ${formatAge(result.fetchedAt, now)}`),
  );
  section.append(meta);
  return section;
}
