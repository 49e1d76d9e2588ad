// @vitest-environment happy-dom
// The popup (src/ui/result.ts) and the hover card (src/content/card/card-view.ts) render one view of a result
// (src/shared/display.ts describeResult): the same URIs under the same headings, the same DNSSEC wording.
import { describe, expect, it } from 'vitest';
import { NOW, subtypeResult as result } from '../fixtures/lookup-result.ts';
import { buildCard } from '../../src/content/card/card-view.ts';
import { t } from '../../src/shared/i18n.ts';
import { errorText, renderResult } from '../../src/ui/result.ts';
import { errorMeaning } from '../../src/shared/display.ts';
import { rejectedSubscription } from '../../src/core/presence/subscription.ts';
import type { PresenceEntry } from '../../src/core/presence/entry.ts';
import { describePresence, numberPresence, presenceLabel } from '../../src/shared/presence-display.ts';

describe('popup and hover card', () => {
  it('the popup and the hover card list the same URIs under the same headings', () => {
    const popup = renderResult(result, NOW);
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'pres', result, offerLookup: false, now: NOW },
      () => {},
    );
    for (const el of [popup, card]) {
      const headings = [...el.querySelectorAll('h3')].map((h) => h.textContent);
      expect(headings).toEqual([t('resultPresence'), t('resultOthers')]);
      const lists = [...el.querySelectorAll('ul')].map((ul) => [...ul.querySelectorAll('a')].map((a) => a.textContent));
      expect(lists).toEqual([['sip:alice-presence@example.test'], ['sip:alice@example.test']]);
      expect(el.textContent).toContain('DNSSEC not validated');
    }
  });

  it('the popup shows an error code with its meaning in words', () => {
    const el = renderResult(
      { ...result, status: 'error', uris: [], pres: [], error: { code: 'timeout', message: 'No answer in 5 s' } },
      NOW,
    );
    expect(el.querySelector('.error')?.textContent).toBe(
      'The DNS-over-HTTPS server did not answer in time. No answer in 5 s (timeout)',
    );
    expect(el.querySelector('.error code')?.textContent).toBe('timeout');
  });

  it('the hover card shows an error the way the popup does, from a result or from a failed reply', () => {
    const error = { code: 'timeout', message: 'No answer in 5 s' };
    const popup = renderResult({ ...result, status: 'error', uris: [], pres: [], error }, NOW).querySelector(
      '.error',
    )?.textContent;
    const fromResult = buildCard(
      document,
      {
        formatted: '+43 1 2345678',
        state: 'error',
        result: { ...result, status: 'error', uris: [], pres: [], error },
        offerLookup: true,
        now: NOW,
      },
      () => {},
    );
    const fromReply = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'error', error, offerLookup: true, now: NOW },
      () => {},
    );
    for (const card of [fromResult, fromReply]) expect(card.querySelector('.meta')?.textContent).toBe(popup);
  });

  it('neither says DNSSEC or how old the answer is for a failed lookup: nothing was fetched', () => {
    const failed = {
      ...result,
      status: 'error' as const,
      uris: [],
      pres: [],
      error: { code: 'timeout', message: 'x' },
    };
    const popup = renderResult(failed, NOW);
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'error', result: failed, offerLookup: true, now: NOW },
      () => {},
    );
    for (const el of [popup, card]) {
      expect(el.textContent).not.toContain('DNSSEC');
      expect(el.textContent).not.toMatch(/fetched|answered/);
    }
    expect(popup.querySelector('.dnssec, .age')).toBeNull();
    // The queried domain still says what was asked.
    expect(popup.querySelector('.domain')?.textContent).toBe(failed.domain);
  });
});

describe('live presence in the popup and the hover card', () => {
  const busy: PresenceEntry = {
    uri: 'pres:alice@example.test',
    target: 'sip:alice@example.test',
    subscribed: true,
    state: 'busy',
    activities: ['on-the-phone'],
    note: 'Call me later',
    changedAt: NOW - 5 * 60_000,
  };
  const lines = (el: HTMLElement) =>
    [...el.querySelectorAll('li.presence')].map((li) => `${li.getAttribute('data-presence')}|${li.textContent}`);

  it('both show the same line: state, activities, when it changed, the note', () => {
    const popup = renderResult(result, NOW, [busy]);
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'pres', result, offerLookup: false, now: NOW, presence: [busy] },
      () => {},
    );
    expect(lines(popup)).toEqual(['busy| Busy (on the phone · changed 5 minutes ago)Call me later']);
    expect(lines(card)).toEqual(lines(popup));
    for (const el of [popup, card])
      expect([...el.querySelectorAll('h3')].map((h) => h.textContent)).toContain(t('presenceHeading'));
  });

  it('a state without a live subscription is marked as the last known; a refusal says why', () => {
    expect(describePresence({ ...busy, subscribed: false }, NOW)).toMatchObject({
      state: 'busy',
      lastKnown: true,
      changed: 'changed 5 minutes ago',
    });
    const blocked = describePresence(
      {
        ...busy,
        subscribed: false,
        state: 'blocked',
        activities: [],
        note: null,
        error: { code: 'sip-forbidden', message: '403 Forbidden' },
      },
      NOW,
    );
    expect(blocked).toMatchObject({
      stateLabel: presenceLabel('blocked'),
      lastKnown: false,
      // The code's meaning in the user's words; core's English message is the CLI's.
      reason: errorMeaning('sip-forbidden'),
    });
    // A code the lists do not know (a newer background) keeps its message.
    expect(
      describePresence({ ...busy, state: 'unknown', error: { code: 'sip-new', message: 'Something new.' } }, NOW)
        .reason,
    ).toBe('Something new.');
    expect(
      describePresence({ ...busy, state: 'unknown', changedAt: null, activities: [], note: null }, NOW),
    ).toMatchObject({ lastKnown: false, changed: null, reason: null });
  });

  it("a wrong SIP password: the meaning once; where there is room (errorText), the server's own words and the code", () => {
    const refused = rejectedSubscription(407, 'Proxy Authentication Required');
    if (refused.state === 'pending') throw new Error('not a refusal');
    const meaning = errorMeaning('sip-auth-failed')!;
    const expected = `${meaning} 407 Proxy Authentication Required (sip-auth-failed)`;
    // Options' Test SIP and the popup's errors (ui/result.ts errorText).
    const p = document.createElement('p');
    p.append(...errorText(refused.reason));
    expect(p.textContent).toBe(expected);
    // The presence line of the popup and the card: the meaning alone, in the user's words.
    const entry: PresenceEntry = {
      ...busy,
      subscribed: false,
      state: refused.state,
      error: refused.reason,
      activities: [],
      note: null,
      changedAt: null,
    };
    expect(describePresence(entry, NOW).reason).toBe(meaning);
    const popup = renderResult(result, NOW, [entry]);
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'pres', result, offerLookup: false, now: NOW, presence: [entry] },
      () => {},
    );
    for (const el of [popup, card]) {
      const line = el.querySelector('.live li')?.textContent ?? '';
      expect(line).toContain(meaning);
      expect(line.split('refused the username or password')).toHaveLength(2);
    }
  });

  it('a number shows the most reachable state of its presence URIs', () => {
    expect(numberPresence([{ state: 'offline' }, { state: 'busy' }, { state: 'unknown' }])).toBe('busy');
    expect(numberPresence([])).toBeUndefined();
  });
});
