// The presence lines of a result, for the hover card (in the page's document) and the popup alike: one line per
// watched URI with its state (and whether it is only the last known), activities, when it changed, why it is
// not live, and the note. From the one view model (shared/presence-display.ts describePresence).
import type { PresenceEntry } from '../core/presence/entry.ts';
import { describePresence } from '../shared/presence-display.ts';
import { t } from '../shared/i18n.ts';
import type { Elements } from './dom.ts';

export function presenceList(h: Elements['h'], entries: readonly PresenceEntry[], now: number): HTMLElement {
  return h(
    'ul',
    { class: 'live' },
    ...entries.map((e) => {
      const p = describePresence(e, now);
      const detail = [
        p.lastKnown ? t('presenceLastKnown') : '',
        p.activities.join(', '),
        p.changed ?? '',
        p.reason ?? '',
      ]
        .filter(Boolean)
        .join(' · ');
      // A note and a reason are the presentity's or the server's text: <bdi> keeps them from reordering the line.
      return h(
        'li',
        { class: `presence presence-${p.state}`, 'data-presence': p.state, 'data-uri': p.uri },
        h('span', { class: 'dot' }),
        ' ',
        h('strong', {}, p.stateLabel),
        detail ? h('span', { class: 'services' }, ' (', h('bdi', {}, detail), ')') : null,
        p.note ? h('div', { class: 'note' }, h('bdi', {}, p.note)) : null,
      );
    }),
  );
}
