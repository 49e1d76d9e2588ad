// What a subscription's own signals say when there is no document to read: a final response to SUBSCRIBE
// (RFC 6665 §4.1.2.1) or the Subscription-State header of a NOTIFY (RFC 6665 §4.1.3, grammar §8.4).
// Kept apart from the SIP library so that the library can change and these rules stay tested.
import type { SubscriptionStatus } from './state.ts';

export const SUBSCRIPTION_ERROR_CODES = [
  'sip-auth-failed', // 401/407 after the credentials were tried: wrong username or password
  'sip-forbidden', // 403
  'sip-declined', // 603
  'sip-bad-event', // 489: the server does not do presence
  'sip-status', // any other final failure response
  'subscription-rejected', // terminated;reason=rejected
  'subscription-terminated', // terminated with another reason, or none
  'no-document', // active (or the first NOTIFY) without a body: nothing known yet
] as const;
export type SubscriptionErrorCode = (typeof SUBSCRIPTION_ERROR_CODES)[number];

/** A final non-2xx response to the SUBSCRIBE. The message is the server's own status line ("407 Proxy
 *  Authentication Required"): the code says what it means, and the views put that meaning in the user's language
 *  before it (shared/display.ts errorMeaning; README "Languages"), so the message does not say it again. */
export function rejectedSubscription(status: number, reasonPhrase: string): SubscriptionStatus {
  const said = `${status} ${reasonPhrase}`.trim();
  if (status === 401 || status === 407) {
    return {
      state: 'unknown',
      reason: { code: 'sip-auth-failed', message: said },
    };
  }
  if (status === 403)
    return {
      state: 'blocked',
      reason: { code: 'sip-forbidden', message: said },
    };
  if (status === 603)
    return {
      state: 'blocked',
      reason: { code: 'sip-declined', message: said },
    };
  if (status === 489)
    return {
      state: 'unknown',
      reason: { code: 'sip-bad-event', message: said },
    };
  return { state: 'unknown', reason: { code: 'sip-status', message: said } };
}

export interface SubscriptionStateHeader {
  /** "active", "pending", "terminated" or an extension value, lower-case. */
  state: string;
  reason?: string;
  expires?: number;
  retryAfter?: number;
}

/** Parse a Subscription-State header value, e.g. `terminated;reason=rejected;retry-after=30` (RFC 6665 §8.4). */
export function parseSubscriptionState(value: string): SubscriptionStateHeader | undefined {
  const [head, ...params] = value.split(';').map((p) => p.trim());
  if (!head || !/^[a-z0-9.!%*_+`'~-]+$/i.test(head)) return undefined;
  const out: SubscriptionStateHeader = { state: head.toLowerCase() };
  for (const p of params) {
    const [k = '', v = ''] = p.split('=', 2).map((s) => s.trim());
    const key = k.toLowerCase();
    if (key === 'reason' && v) out.reason = v.toLowerCase();
    if ((key === 'expires' || key === 'retry-after') && /^\d{1,10}$/.test(v))
      out[key === 'expires' ? 'expires' : 'retryAfter'] = Number(v);
  }
  return out;
}

/**
 * The state a NOTIFY's Subscription-State says by itself, or undefined when its document decides
 * (active with a body). `hasBody` — whether the NOTIFY carried a presence document.
 */
export function notifiedSubscription(
  header: SubscriptionStateHeader,
  hasBody: boolean,
): SubscriptionStatus | undefined {
  if (header.state === 'terminated') {
    if (header.reason === 'rejected') {
      return {
        state: 'blocked',
        reason: { code: 'subscription-rejected', message: 'The presentity rejected the subscription.' },
      };
    }
    const why = header.reason ? ` (reason: ${header.reason})` : '';
    return { state: 'unknown', reason: { code: 'subscription-terminated', message: `The subscription ended${why}.` } };
  }
  if (header.state === 'pending') return { state: 'pending' };
  if (hasBody) return undefined;
  return {
    state: 'unknown',
    reason: {
      code: 'no-document',
      message: 'Subscribed; the server has no presence document for this presentity yet.',
    },
  };
}
