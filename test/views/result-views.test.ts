// @vitest-environment happy-dom
// The popup (src/ui/result.ts) and the hover card (src/content/card/card-view.ts) render one view of a result
// (src/shared/display.ts describeResult): the same URIs under the same headings, the same DNSSEC wording.
import { describe, expect, it } from 'vitest';
import { NOW, subtypeResult as result } from '../fixtures/lookup-result.ts';
import { buildCard } from '../../src/content/card/card-view.ts';
import { t } from '../../src/shared/i18n.ts';
import { renderResult } from '../../src/ui/result.ts';

describe('popup and hover card', () => {
  it('the popup and the hover card list the same URIs under the same headings', () => {
    const popup = renderResult(result, NOW);
    const card = buildCard(document, { formatted: '+43 1 2345678', state: 'pres', result, offerLookup: false, now: NOW }, () => {});
    for (const el of [popup, card]) {
      const headings = [...el.querySelectorAll('h3')].map((h) => h.textContent);
      expect(headings).toEqual([t('resultPresence'), t('resultOthers')]);
      const lists = [...el.querySelectorAll('ul')].map((ul) => [...ul.querySelectorAll('a')].map((a) => a.textContent));
      expect(lists).toEqual([['sip:alice-presence@example.test'], ['sip:alice@example.test']]);
      expect(el.textContent).toContain('DNSSEC not validated');
    }
  });

  it('the popup shows an error code with its meaning in words', () => {
    const el = renderResult({ ...result, status: 'error', uris: [], pres: [], error: { code: 'timeout', message: 'No answer in 5 s' } }, NOW);
    expect(el.querySelector('.error')?.textContent).toBe('The DNS-over-HTTPS server did not answer in time. No answer in 5 s (timeout)');
    expect(el.querySelector('.error code')?.textContent).toBe('timeout');
  });

  it('the hover card shows an error the way the popup does, from a result or from a failed reply', () => {
    const error = { code: 'timeout', message: 'No answer in 5 s' };
    const popup = renderResult({ ...result, status: 'error', uris: [], pres: [], error }, NOW).querySelector('.error')?.textContent;
    const fromResult = buildCard(document, { formatted: '+43 1 2345678', state: 'error', result: { ...result, status: 'error', uris: [], pres: [], error }, offerLookup: true, now: NOW }, () => {});
    const fromReply = buildCard(document, { formatted: '+43 1 2345678', state: 'error', error, offerLookup: true, now: NOW }, () => {});
    for (const card of [fromResult, fromReply]) expect(card.querySelector('.meta')?.textContent).toBe(popup);
  });
});
