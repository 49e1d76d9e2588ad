// The presence states a number can be shown in: the one list every view, highlight name and message uses.
//   available, busy, away, offline — derived from a PIDF document (presenceState in derive.ts);
//   pending, blocked, unknown      — about the subscription (RFC 6665 §4.1.3 Subscription-State), no document.
import type { CoreError } from '../result.ts';

export const PRESENCE_STATES = ['available', 'busy', 'away', 'offline', 'pending', 'blocked', 'unknown'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** The states a presence document can say. */
export const DOCUMENT_STATES = ['available', 'busy', 'away', 'offline'] as const satisfies readonly PresenceState[];
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** The states that come from the subscription itself rather than from a document. */
export type SubscriptionOnlyState = Exclude<PresenceState, DocumentState>;

export const isPresenceState = (v: unknown): v is PresenceState =>
  typeof v === 'string' && (PRESENCE_STATES as readonly string[]).includes(v);

/**
 * A presentity's state without a document:
 *  pending — the subscription is pending (RFC 6665 §4.1.3; RFC 3857 authorization not yet given);
 *  blocked — 403/603 to the SUBSCRIBE, or terminated with reason "rejected" (RFC 6665 §4.1.3);
 *  unknown — active with no document yet (a NOTIFY without body), or an error; `reason` says which.
 */
export type SubscriptionStatus =
  { state: 'pending' } | { state: 'blocked'; reason: CoreError } | { state: 'unknown'; reason: CoreError };
