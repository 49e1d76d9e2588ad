// @vitest-environment happy-dom
// The hover card: built with createElement/textContent only, only allowlisted schemes become links (README
// "Privacy"), what ENUM says about the number, and a placement that never covers the number.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCard, isLinkable } from './card-view.ts';
import { overlaps, placeCard } from './card-position.ts';
import type { LookupResult } from '../../core/enum/types.ts';
import { aliceResult } from '../../../test/fixtures/lookup-result.ts';
import { errorMeaning } from '../../shared/display.ts';

const result = (over: Partial<LookupResult> = {}): LookupResult => ({
  ...aliceResult,
  uris: [
    ...aliceResult.uris,
    { uri: 'ftp://example.test/<b>x</b>', enumservices: ['ft:ftp'], order: 100, preference: 50 },
  ],
  rejected: [],
  fetchedAt: 1_000_000,
  ...over,
});

describe('card content', () => {
  it('shows number, state, pres URIs, other URIs with enumservices, DNSSEC and freshness', () => {
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'pres', result: result(), offerLookup: false, now: 1_060_000 },
      () => {},
    );
    expect(card.querySelector('.number')!.textContent).toBe('+43 1 2345678');
    expect(card.textContent).toContain('Presence published');
    const lists = [...card.querySelectorAll('ul')].map((ul) =>
      [...ul.querySelectorAll('li')].map((li) => li.textContent),
    );
    expect(lists).toEqual([
      ['pres:alice@example.test (pres)'],
      [
        'sip:alice@example.test (sip)',
        'mailto:alice@example.test (email:mailto)',
        'javascript:alert(1) (web:http)',
        'ftp://example.test/<b>x</b> (ft:ftp)',
      ],
    ]);
    expect(card.textContent).toContain('DNSSEC validated · answered 1 minute ago, valid 4 min more');
  });

  it('makes links of allowlisted schemes only, and renders markup in DNS data as text', () => {
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'pres', result: result(), offerLookup: false, now: 1_000_000 },
      () => {},
    );
    expect([...card.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'pres:alice@example.test',
      'sip:alice@example.test',
      'mailto:alice@example.test',
    ]);
    expect([...card.querySelectorAll('a')].every((a) => a.rel === 'noopener noreferrer')).toBe(true);
    expect(card.querySelector('b')).toBeNull();
  });

  it.each([
    ['pres:a@b', true],
    ['SIP:a@b', true],
    ['sips:a@b', true],
    ['xmpp:a@b', true],
    ['im:a@b', true],
    ['tel:+431', true],
    ['mailto:a@b', true],
    ['https://example.test/', true],
    ['http://example.test/', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['ftp://x', false],
    ['vbscript:x', false],
    ['no scheme', false],
    ['http://', false],
  ])('isLinkable(%s) = %s', (uri, ok) => expect(isLinkable(uri)).toBe(ok));

  it('offers a trusted-click lookup when lookups are off or failed', () => {
    let asked = 0;
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'idle', offerLookup: true, now: 0 },
      () => asked++,
    );
    const button = card.querySelector('button')!;
    expect(button.textContent).toBe('Look up');
    button.dispatchEvent(new MouseEvent('click')); // synthetic: ignored
    expect(asked).toBe(0);
  });

  it('shows why a lookup failed: the meaning of its code in words, then the exact message and the code', () => {
    const error = { code: 'timeout', message: 'no answer from https://doh.example within 5000 ms' };
    const card = buildCard(
      document,
      { formatted: '+43 1 2345678', state: 'error', error, offerLookup: true, now: 0 },
      () => {},
    );
    expect(card.textContent).toContain('Lookup failed');
    expect(card.querySelector('.meta')!.textContent).toBe(
      `${errorMeaning('timeout')} no answer from https://doh.example within 5000 ms (timeout)`,
    );
    expect(card.querySelector('.meta bdi')!.textContent).toBe(error.message);
    expect(card.querySelector('button')!.textContent).toBe('Try again');
    // A result that failed at the resolver carries its error the same way.
    const failed = buildCard(
      document,
      {
        formatted: '+43 1 2345678',
        state: 'error',
        result: result({ status: 'error', uris: [], pres: [], error: { code: 'network', message: 'fetch failed' } }),
        offerLookup: true,
        now: 0,
      },
      () => {},
    );
    expect(failed.querySelector('.meta')!.textContent).toBe(`${errorMeaning('network')} fetch failed (network)`);
  });
});

describe('placeCard', () => {
  it('goes below the number when it fits, else above', () => {
    expect(
      placeCard({ left: 10, top: 10, width: 80, height: 20 }, { width: 200, height: 100 }, { width: 800, height: 600 }),
    ).toEqual({ left: 10, top: 36 });
    expect(
      placeCard(
        { left: 10, top: 500, width: 80, height: 20 },
        { width: 200, height: 100 },
        { width: 800, height: 600 },
      ),
    ).toEqual({ left: 10, top: 394 });
  });

  it('never covers the number and stays inside the viewport (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ vw: fc.integer({ min: 200, max: 2000 }), vh: fc.integer({ min: 200, max: 1500 }) }),
        fc.record({
          x: fc.double({ min: 0, max: 1, noNaN: true }),
          y: fc.double({ min: 0, max: 1, noNaN: true }),
          w: fc.integer({ min: 10, max: 300 }),
          h: fc.integer({ min: 10, max: 60 }),
        }),
        fc.record({ w: fc.integer({ min: 100, max: 380 }), h: fc.integer({ min: 40, max: 800 }) }),
        ({ vw, vh }, a, c) => {
          const anchor = {
            left: Math.floor(a.x * (vw - a.w)),
            top: Math.floor(a.y * (vh - a.h)),
            width: a.w,
            height: a.h,
          };
          const cardW = Math.min(c.w, vw - 16);
          const p = placeCard(anchor, { width: cardW, height: c.h }, { width: vw, height: vh });
          const height = p.maxHeight ?? c.h;
          expect(overlaps({ left: p.left, top: p.top, width: cardW, height }, anchor)).toBe(false);
          expect(p.left).toBeGreaterThanOrEqual(0);
          expect(p.left + cardW).toBeLessThanOrEqual(vw);
          expect(p.top).toBeGreaterThanOrEqual(0);
          expect(p.top + height).toBeLessThanOrEqual(vh);
        },
      ),
    );
  });
});
