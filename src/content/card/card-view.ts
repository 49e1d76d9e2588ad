// The hover card's content, built with createElement/textContent only: page text and DNS data are untrusted
// (issue 3, "Hover card"). Shows the number in international format, its state, the pres URIs, the other URIs
// with their enumservices, DNSSEC validation and how fresh the answer is. Only allowlisted schemes are links.
import type { LookupResult } from '../../core/enum/types.ts';
import type { EnumState } from '../../shared/protocol.ts';
import { linkScheme, STATE_LABELS } from '../../shared/display.ts';

/** Only allow-listed schemes become links (shared with the popup: src/shared/display.ts). */
export const isLinkable = (uri: string): boolean => linkScheme(uri) !== undefined;

export interface CardData {
  formatted: string;
  state: EnumState;
  result?: LookupResult;
  error?: string;
  /** Offer a "Look up" button (resolveOn = never, or a failed lookup). */
  offerLookup: boolean;
  now: number;
}

export function buildCard(doc: Document, data: CardData, onLookup: () => void): HTMLElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };
  const card = el('div', undefined, `card state-${data.state}`);
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', `ENUM information for ${data.formatted}`);
  card.append(el('div', data.formatted, 'number'));
  const state = el('div', undefined, 'state');
  state.append(el('span', undefined, 'dot'), el('span', STATE_LABELS[data.state]));
  card.append(state);
  const r = data.result;
  const errorText = data.error ?? r?.error?.message;
  if (data.state === 'error' && errorText) card.append(el('div', errorText, 'meta'));
  if (r && r.status === 'found') {
    const isPres = (u: LookupResult['uris'][number]) => r.pres.includes(u.uri) || u.enumservices.some((s) => s === 'pres' || s.startsWith('pres:'));
    const pres = r.uris.filter(isPres);
    for (const uri of r.pres) if (!pres.some((u) => u.uri === uri)) pres.push({ uri, enumservices: ['pres'], order: 0, preference: 0 });
    const other = r.uris.filter((u) => !isPres(u));
    if (pres.length) card.append(el('h3', 'Presence'), uriList(el, pres));
    if (other.length) card.append(el('h3', 'Other contacts'), uriList(el, other));
  }
  if (r && r.status !== 'error') card.append(el('div', `${r.dnssec ? 'DNSSEC validated' : 'Not DNSSEC validated'} · ${freshness(r, data.now)}`, 'meta'));
  if (data.offerLookup) {
    const button = el('button', data.state === 'error' ? 'Try again' : 'Look up');
    button.type = 'button';
    button.addEventListener('click', (e) => {
      if (e.isTrusted) onLookup();
    });
    card.append(button);
  }
  return card;
}

function uriList(el: <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => HTMLElementTagNameMap[K], uris: LookupResult['uris']): HTMLElement {
  const list = el('ul');
  for (const u of uris) {
    const item = el('li');
    if (isLinkable(u.uri)) {
      const a = el('a', u.uri);
      a.href = u.uri;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      item.append(a);
    } else item.append(el('span', u.uri));
    if (u.enumservices.length) item.append(' ', el('span', `(${u.enumservices.join(', ')})`, 'services'));
    list.append(item);
  }
  return list;
}

/** "answer 3 min old, valid 2 min more" (the background's cache age and TTL). */
export function freshness(r: LookupResult, now: number): string {
  const age = Math.max(0, Math.round((now - r.fetchedAt) / 1000));
  const left = Math.round(r.ttl - age);
  return `answer ${duration(age)} old, ${left > 0 ? `valid ${duration(left)} more` : 'expired'}`;
}

function duration(s: number): string {
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}
