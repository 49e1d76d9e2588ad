// The hover card's content, from the one view of a result (shared/display.ts describeResult) the popup renders
// too, built with createElement/textContent only (ui/dom.ts in the page's document): page text and DNS data are
// untrusted. Shows the number in international format, its state, the pres URIs, the other URIs with their
// enumservices, DNSSEC validation and how fresh the answer is. Only allowlisted schemes are links.
import type { LookupResult } from '../../core/enum/types.ts';
import type { CoreError } from '../../core/result.ts';
import type { EnumState } from '../../shared/protocol.ts';
import { describeResult, linkScheme, stateLabel, type UriView } from '../../shared/display.ts';
import { t } from '../../shared/i18n.ts';
import type { PresenceEntry } from '../../core/presence/entry.ts';
import { presenceList } from '../../ui/presence.ts';
import { elementsIn, type Elements } from '../../ui/dom.ts';
import { lookupErrorText } from '../../ui/result.ts';

/** Only allow-listed schemes become links (shared with the popup: src/shared/display.ts). */
export const isLinkable = (uri: string): boolean => linkScheme(uri) !== undefined;

export interface CardData {
  formatted: string;
  state: EnumState;
  result?: LookupResult;
  /** Why the lookup failed before reaching the resolver; a result's own error is in `result`. */
  error?: CoreError;
  /** Offer a "Look up" button (resolveOn = never, or a failed lookup). */
  offerLookup: boolean;
  now: number;
  /** Live presence of its pres URIs, when the background watches them. */
  presence?: PresenceEntry[];
}

export function buildCard(doc: Document, data: CardData, onLookup: () => void): HTMLElement {
  const { h } = elementsIn(doc);
  const card = h(
    'div',
    { class: `card state-${data.state}`, role: 'dialog', 'aria-label': t('cardLabel', data.formatted), tabindex: '-1' },
    h('div', { class: 'number' }, data.formatted),
    h('div', { class: 'state' }, h('span', { class: 'dot' }), h('span', {}, stateLabel(data.state))),
  );
  const v = data.result && describeResult(data.result, data.now);
  // The code's meaning in the user's language, then the exact message and the code, as the popup shows them.
  const error = data.error ?? v?.error;
  if (data.state === 'error' && error) card.append(h('div', { class: 'meta' }, ...lookupErrorText(error, h)));
  if (v && data.result?.status === 'found') {
    if (v.presence.length) card.append(h('h3', {}, t('resultPresence')), uriList(h, v.presence));
    if (v.others.length) card.append(h('h3', {}, t('resultOthers')), uriList(h, v.others));
  }
  if (data.presence?.length) card.append(h('h3', {}, t('presenceHeading')), presenceList(h, data.presence, data.now));
  if (v?.answer) card.append(h('div', { class: 'meta' }, `${v.answer.dnssec.label} · ${v.answer.freshness}`));
  if (data.offerLookup) {
    const button = h('button', { type: 'button' }, t(data.state === 'error' ? 'tryAgain' : 'lookUp'));
    button.addEventListener('click', (e) => {
      if (e.isTrusted) onLookup();
    });
    card.append(button);
  }
  return card;
}

function uriList(h: Elements['h'], uris: UriView[]): HTMLElement {
  return h(
    'ul',
    {},
    ...uris.map((u) =>
      h(
        'li',
        {},
        u.link ? h('a', { href: u.uri, target: '_blank', rel: 'noopener noreferrer' }, u.uri) : h('span', {}, u.uri),
        u.services.length ? ' ' : null,
        u.services.length ? h('span', { class: 'services' }, `(${u.services.join(', ')})`) : null,
      ),
    ),
  );
}
