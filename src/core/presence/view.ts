// What a watcher knows about one presentity at a time, ready for a view, the CLI's JSON or storage.session:
// the state, the activities, the note in the reader's language and when the state last changed. Built from a
// NOTIFY (its Subscription-State, RFC 6665 §4.1.3, and its PIDF body, RFC 3863) or from a failed SUBSCRIBE.
import { documentActivities, documentNotes, latestTimestamp, presenceState } from './derive.ts';
import { pickNote, sanitizeNoteText } from './note.ts';
import { parsePidf } from './pidf.ts';
import type { SubscriptionStatus } from './state.ts';
import { boundActivities, type PresenceView } from './entry.ts';
import { notifiedSubscription, parseSubscriptionState } from './subscription.ts';

export function viewFromStatus(status: SubscriptionStatus, now: number): PresenceView {
  return {
    state: status.state,
    activities: [],
    note: null,
    changedAt: now,
    ...('reason' in status ? { error: status.reason } : {}),
  };
}

/** One NOTIFY: its Subscription-State header value and body. A malformed document is `unknown` with the parser's error. */
export function viewFromNotify(
  subscriptionState: string,
  body: string,
  languages: readonly string[],
  now: number,
): PresenceView {
  const header = parseSubscriptionState(subscriptionState);
  if (!header) {
    return viewFromStatus(
      {
        state: 'unknown',
        reason: { code: 'bad-subscription-state', message: 'The NOTIFY had no valid Subscription-State header.' },
      },
      now,
    );
  }
  const status = notifiedSubscription(header, body.trim() !== '');
  if (status) return viewFromStatus(status, now);
  const doc = parsePidf(body);
  if (!doc.ok)
    return viewFromStatus({ state: 'unknown', reason: { code: doc.error.code, message: doc.error.message } }, now);
  const notePicked = pickNote(documentNotes(doc.value), languages);
  return {
    state: presenceState(doc.value),
    // Classified (presenceState) on every name; carried bounded, so that every view accepts the entry.
    activities: boundActivities(documentActivities(doc.value)),
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
