// Rendering of one ENUM LookupResult for the popup (tab numbers and typed numbers share this form), from the
// one view of a result (shared/display.ts describeResult) the hover card renders too.
// DNS data is untrusted: text only, and only allow-listed URI schemes become links.
import type { CoreError } from '../core/result.ts';
import type { LookupResult } from '../core/enum/types.ts';
import {
  describeResult,
  errorMeaning,
  linkScheme,
  rejectionWords,
  errorWords,
  stateLabel,
  type UriView,
} from '../shared/display.ts';
import { plural, t, withNodes } from '../shared/i18n.ts';
import type { EnumState } from '../shared/protocol.ts';
import { h, type Elements } from './dom.ts';
import type { PresenceEntry } from '../core/presence/entry.ts';
import { presenceList } from './presence.ts';

/** A link for allow-listed schemes, plain text otherwise. */
export function uriNode(uri: string): HTMLElement {
  if (!linkScheme(uri)) return h('code', { class: 'uri' }, uri);
  return h('a', { class: 'uri', href: uri, target: '_blank', rel: 'noopener noreferrer' }, uri);
}

export function stateBadge(state: EnumState): HTMLElement {
  return h('span', { class: 'state', 'data-state': state }, stateLabel(state));
}

/** "meaning message (code)": what the code means in the user's language, then the message and the code. The
 *  message sits in <bdi>: a resolver's text cannot reorder what surrounds it (UAX #9 isolation). */
function errorParts(error: CoreError, message: string, make: Elements['h']): (string | HTMLElement)[] {
  const meaning = errorMeaning(error.code);
  const words = make('bdi', {}, message);
  const code = make('code', { class: 'code' }, error.code);
  return meaning ? withNodes<string | HTMLElement>('errorWithCode', meaning, words, code) : [words, ' (', code, ')'];
}

/** An error in the extension's pages (popup, options): a refused setting's or number's reason in the user's words
 *  (errorWords), else the error's own message. */
export function errorText(error: CoreError, make: Elements['h'] = h): (string | HTMLElement)[] {
  return errorParts(error, errorWords(error), make);
}

/** A failed lookup's error (the hover card, with `make` of the page's document): its message as the resolver or
 *  the core gave it. Lookup errors carry no reason, so the card's script need not hold the reasons' lists. */
export function lookupErrorText(error: CoreError, make: Elements['h'] = h): (string | HTMLElement)[] {
  return errorParts(error, error.message, make);
}

function uriItem(u: UriView): HTMLElement {
  return h(
    'li',
    {},
    uriNode(u.uri),
    ' ',
    h('span', { class: 'services' }, u.services.join(', ') || t('noEnumservice')),
  );
}

/** The full form of a result: state, pres URIs, their live presence, other URIs with enumservices, DNSSEC, cache age. */
export function renderResult(
  result: LookupResult,
  now = Date.now(),
  presence: readonly PresenceEntry[] = [],
): HTMLElement {
  const v = describeResult(result, now);
  const section = h(
    'article',
    { class: 'result', 'data-state': v.state, 'data-e164': v.e164, 'aria-label': t('resultLabel', v.e164) },
    h('header', {}, h('strong', { class: 'e164' }, v.e164), ' ', stateBadge(v.state)),
  );
  if (v.error) section.append(h('p', { class: 'error', role: 'alert' }, ...errorText(v.error)));
  if (v.presence.length > 0) {
    section.append(
      h('h3', {}, t('resultPresence')),
      h('ul', { class: 'pres' }, ...v.presence.map((p) => h('li', {}, uriNode(p.uri)))),
    );
  }
  if (presence.length > 0) section.append(h('h3', {}, t('presenceHeading')), presenceList(h, presence, now));
  if (v.others.length > 0) {
    section.append(h('h3', {}, t('resultOthers')), h('ul', { class: 'uris' }, ...v.others.map(uriItem)));
  }
  if (v.rejected.length > 0) {
    const details = h(
      'details',
      { class: 'rejected' },
      h('summary', {}, plural('rejected', v.rejected.length + v.rejectedOmitted)),
    );
    // Reasons quote zone data (escaped by core); each sits in <bdi> so that no bidi control reorders the list.
    details.append(
      h(
        'ul',
        {},
        ...v.rejected.map((r) =>
          h('li', {}, h('bdi', {}, h('code', {}, r.record)), ' — ', h('bdi', { class: 'reason' }, rejectionWords(r))),
        ),
      ),
    );
    if (v.rejectedOmitted > 0) details.append(h('p', {}, plural('rejectedMore', v.rejectedOmitted)));
    section.append(details);
  }
  // The queried domain, then (when there is an answer) its DNSSEC validation and age.
  const meta: (string | HTMLElement)[] = v.domain ? [h('span', { class: 'domain' }, v.domain)] : [];
  if (v.answer) {
    meta.push(
      h('span', { class: 'dnssec', 'data-dnssec': String(v.answer.dnssec.validated) }, v.answer.dnssec.label),
      h('span', { class: 'age' }, v.answer.fetched),
    );
  }
  if (meta.length > 0) section.append(h('p', { class: 'meta' }, ...meta.flatMap((m, i) => (i ? [' · ', m] : [m]))));
  return section;
}
