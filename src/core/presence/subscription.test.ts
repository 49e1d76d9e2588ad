import { describe, expect, it } from 'vitest';
import {
  notifiedSubscription,
  parseSubscriptionState,
  rejectedSubscription,
  SUBSCRIPTION_ERROR_CODES,
} from './subscription.ts';

describe('rejectedSubscription (final response to SUBSCRIBE, RFC 6665 §4.1.2.1)', () => {
  it.each([
    [401, 'Unauthorized', 'unknown', 'sip-auth-failed'],
    [407, 'Proxy Authentication Required', 'unknown', 'sip-auth-failed'],
    [403, 'Forbidden', 'blocked', 'sip-forbidden'],
    [603, 'Decline', 'blocked', 'sip-declined'],
    [489, 'Bad Event', 'unknown', 'sip-bad-event'],
    [404, 'Not Found', 'unknown', 'sip-status'],
    [408, 'Request Timeout', 'unknown', 'sip-status'],
  ])('%i %s → %s (%s)', (status, phrase, state, code) => {
    const s = rejectedSubscription(status, phrase);
    expect(s.state).toBe(state);
    expect(s.state !== 'pending' && s.reason.code).toBe(code);
    // The server's own words only: what the code means is the views' to say, in the user's language
    // (shared/display.ts errorMeaning), so that it is not said twice (README "Languages").
    expect(s.state !== 'pending' && s.reason.message).toBe(`${status} ${phrase}`);
  });
});

describe('parseSubscriptionState (RFC 6665 §8.4)', () => {
  it.each([
    ['active;expires=120', { state: 'active', expires: 120 }],
    ['Pending', { state: 'pending' }],
    ['terminated;reason=rejected', { state: 'terminated', reason: 'rejected' }],
    ['terminated ; reason=Timeout ; retry-after=30', { state: 'terminated', reason: 'timeout', retryAfter: 30 }],
    ['active;expires=soon;foo=bar', { state: 'active' }],
  ])('%s', (value, parsed) => {
    expect(parseSubscriptionState(value)).toEqual(parsed);
  });

  it.each(['', ';reason=x', 'act ive', '<active>'])('refuses %j', (value) => {
    expect(parseSubscriptionState(value)).toBeUndefined();
  });
});

describe('notifiedSubscription (RFC 6665 §4.1.3)', () => {
  it('leaves an active NOTIFY with a document to the document', () => {
    expect(notifiedSubscription({ state: 'active' }, true)).toBeUndefined();
  });

  it('says unknown, no document yet, for an active NOTIFY without body (Kamailio before any PUBLISH)', () => {
    expect(notifiedSubscription({ state: 'active', expires: 120 }, false)).toMatchObject({
      state: 'unknown',
      reason: { code: 'no-document' },
    });
  });

  it('says pending, body or not', () => {
    expect(notifiedSubscription({ state: 'pending' }, false)).toEqual({ state: 'pending' });
    expect(notifiedSubscription({ state: 'pending' }, true)).toEqual({ state: 'pending' });
  });

  it('says blocked for terminated;reason=rejected, unknown for other endings', () => {
    expect(notifiedSubscription({ state: 'terminated', reason: 'rejected' }, false)).toMatchObject({
      state: 'blocked',
      reason: { code: 'subscription-rejected' },
    });
    expect(notifiedSubscription({ state: 'terminated', reason: 'noresource' }, true)).toMatchObject({
      state: 'unknown',
      reason: { code: 'subscription-terminated', message: expect.stringContaining('noresource') },
    });
    expect(notifiedSubscription({ state: 'terminated' }, false)).toMatchObject({ state: 'unknown' });
  });

  it('uses only listed codes', () => {
    const all = [401, 403, 489, 500, 603].map((s) => rejectedSubscription(s, ''));
    for (const s of all) expect(SUBSCRIPTION_ERROR_CODES).toContain(s.state === 'pending' ? '' : s.reason.code);
  });
});
