// One view of a lookup result: the popup and the hover card both render describeResult, so they agree on what is
// presence, on wording and on age (both rendered side by side: test/views/result-views.test.ts).
import { describe, expect, it } from 'vitest';
import { NOW, subtypeResult as result } from '../../test/fixtures/lookup-result.ts';
import { describeResult, errorMeaning } from './display.ts';
import { formatDuration } from './i18n.ts';
import { PROTOCOL_ERROR_CODES } from './protocol.ts';

describe('describeResult', () => {
  it('puts a pres:subtype URI under presence, the rest under other ways to reach', () => {
    const v = describeResult(result, NOW);
    expect(v.presence.map((u) => u.uri)).toEqual(['sip:alice-presence@example.test']);
    expect(v.others.map((u) => u.uri)).toEqual(['sip:alice@example.test']);
    expect(v.answer?.dnssec.label).toBe('DNSSEC not validated');
    expect(v.answer?.freshness).toBe('answered 1 minute ago, valid 3 min more');
    expect(v.answer?.fetched).toBe('fetched 1 minute ago');
  });

  it('rounds ages one way everywhere', () => {
    expect([59, 60, 119, 3599, 3600, 86_399, 86_400].map(formatDuration)).toEqual([
      '59 sec',
      '1 min',
      '1 min',
      '59 min',
      '1 hr',
      '23 hr',
      '1 day',
    ]);
  });
});

describe('error meanings', () => {
  it('has words for every protocol error code', () => {
    for (const code of PROTOCOL_ERROR_CODES) expect(errorMeaning(code)?.length, code).toBeGreaterThan(10);
    expect(errorMeaning('no-such-code')).toBeUndefined();
  });
});
