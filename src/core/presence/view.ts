// What a watcher knows about one presentity at a time, ready for a view, the CLI's JSON or storage.session:
// the state, the activities, the note in the reader's language and when the state last changed. Built from a
// NOTIFY (its Subscription-State, RFC 6665 §4.1.3, and its PIDF body, RFC 3863) or from a failed SUBSCRIBE.
import type { CoreError } from '../result.ts';
import { documentActivities, documentNotes, latestTimestamp, presenceState } from './derive.ts';
import { pickNote, sanitizeNoteText } from './note.ts';
import { parsePidf } from './pidf.ts';
import { isPresenceState, type PresenceState, type SubscriptionStatus } from './state.ts';
import { notifiedSubscription, parseSubscriptionState } from './subscription.ts';

export interface PresenceView {
  state: PresenceState;
  activities: string[];
  /** The note closest to the reader's languages, sanitised; null when there is none. */
  note: string | null;
  /** Epoch ms: the document's newest <timestamp>, else when we first saw this state; null before any NOTIFY. */
  changedAt: number | null;
  /** Why the state is `unknown` or `blocked`, when something said so. */
  error?: CoreError;
}

/** A presence URI's view with its subscription: the CLI's JSON `presence` entries and the background's pushes. */
export interface PresenceEntry extends PresenceView {
  /** The presence URI as ENUM gave it. */
  uri: string;
  /** The sip: URI subscribed to; null when none could be (e.g. XMPP presence). */
  target: string | null;
  /** Whether the server accepted the subscription and has not ended it. */
  subscribed: boolean;
}

/** An entry with nothing known: before the first NOTIFY, or with the error that stopped it. */
export const unknownEntry = (uri: string, target: string | null, error?: CoreError): PresenceEntry =>
  ({ uri, target, subscribed: false, state: 'unknown', activities: [], note: null, changedAt: null, ...(error ? { error } : {}) });

export function viewFromStatus(status: SubscriptionStatus, now: number): PresenceView {
  return { state: status.state, activities: [], note: null, changedAt: now, ...('reason' in status ? { error: status.reason } : {}) };
}

/** One NOTIFY: its Subscription-State header value and body. A malformed document is `unknown` with the parser's error. */
export function viewFromNotify(subscriptionState: string, body: string, languages: readonly string[], now: number): PresenceView {
  const header = parseSubscriptionState(subscriptionState);
  if (!header) {
    return viewFromStatus({ state: 'unknown', reason: { code: 'bad-subscription-state', message: 'The NOTIFY had no valid Subscription-State header.' } }, now);
  }
  const status = notifiedSubscription(header, body.trim() !== '');
  if (status) return viewFromStatus(status, now);
  const doc = parsePidf(body);
  if (!doc.ok) return viewFromStatus({ state: 'unknown', reason: { code: doc.error.code, message: doc.error.message } }, now);
  const notePicked = pickNote(documentNotes(doc.value), languages);
  return {
    state: presenceState(doc.value),
    activities: documentActivities(doc.value),
    // A note is the presentity's free text: sanitised before anything shows it (note.ts).
    note: notePicked === undefined ? null : sanitizeNoteText(notePicked.text) || null,
    changedAt: latestTimestamp(doc.value) ?? now,
  };
}

/** The next view: a NOTIFY that only refreshes (same state, no timestamp of its own) keeps when the state changed. */
export function nextView(previous: PresenceView | undefined, incoming: PresenceView, now: number): PresenceView {
  if (previous && previous.state === incoming.state && incoming.changedAt === now && previous.changedAt !== null) {
    return { ...incoming, changedAt: previous.changedAt };
  }
  return incoming;
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** Whether an untrusted value (a pushed event, storage.session) has the shape of a PresenceEntry. */
export function isPresenceEntry(v: unknown): v is PresenceEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  const error = e.error as Record<string, unknown> | undefined;
  return isText(e.uri, 2048) && (e.target === null || isText(e.target, 2048)) && typeof e.subscribed === 'boolean' &&
    isPresenceState(e.state) && Array.isArray(e.activities) && e.activities.length <= 64 && e.activities.every((a) => isText(a, 64)) &&
    (e.note === null || isText(e.note, 1000)) && (e.changedAt === null || Number.isFinite(e.changedAt)) &&
    (error === undefined || (typeof error === 'object' && error !== null && isText(error.code, 64) && isText(error.message, 2048)));
}
