// What every view (hover card, popup) shows of a watched presence URI: one view model, so card and popup agree.
// The entries come from the background (viewPresence replies, presenceChanged events); a document state
// (available, busy, away, offline) without a live subscription is what storage.session last knew, and says so.
import type { PresenceEntry } from '../core/presence/entry.ts';
import { safeText } from '../core/presence/note.ts';
import type { RpidActivity } from '../core/presence/rpid.ts';
import { DOCUMENT_STATES, PRESENCE_STATES, type PresenceState } from '../core/presence/state.ts';
import { errorMeaning } from './display.ts';
import { formatAgo, messageIfAny, t, type MessageKey } from './i18n.ts';

// Fail to compile when a presence state has no English message `presence_<state>`.
export const EVERY_PRESENCE_STATE_HAS_A_MESSAGE: `presence_${PresenceState}` extends MessageKey ? true : never = true;

/** The words for a presence state: its message `presence_<state>` (shared/i18n.ts). */
export const presenceLabel = (state: PresenceState): string => t(`presence_${state}`);

type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;
/** The message of an RFC 4480 activity: `activity_<name>` with "-" as "_" (message names have no "-"). */
export type ActivityMessageKey = `activity_${Underscored<RpidActivity>}`;
// Fail to compile when an activity of core/presence/rpid.ts RPID_ACTIVITIES has no English message.
export const EVERY_ACTIVITY_HAS_A_MESSAGE: ActivityMessageKey extends MessageKey ? true : never = true;

export const activityMessageKey = (activity: RpidActivity): ActivityMessageKey =>
  `activity_${activity.replace(/-/g, '_')}` as ActivityMessageKey;

/** How many characters of an activity name that is not RFC 4480's a view shows at most. */
export const MAX_SHOWN_ACTIVITY_CHARS = 32;

/** An element name that can be an RFC 4480 activity: lower-case words joined by "-". */
const ACTIVITY_NAME = /^[a-z]+(?:-[a-z]+)*$/;

/**
 * The words for an RPID activity (RFC 4480 §3.2): its message for each name the RFC defines (`other`, whose free
 * text is not carried, is "other activity"); EVERY_ACTIVITY_HAS_A_MESSAGE and test/i18n/locales.test.ts keep
 * every name of core/presence/rpid.ts in every language, so the message is how a view knows the name (the list
 * itself stays out of the content script, whose size is budgeted). Any other name in the RPID namespace comes
 * from a newer or a hostile server: untrusted text, shown as it is — the views only ever set text — made safe as
 * a note is (core/presence/note.ts: no control or bidi characters) and cut to MAX_SHOWN_ACTIVITY_CHARS, rather
 * than hidden under "other", which would lose what a newer server means.
 */
export function activityLabel(name: string): string {
  const words = ACTIVITY_NAME.test(name) ? messageIfAny(`activity_${name.replaceAll('-', '_')}`) : '';
  return words || safeText(name, MAX_SHOWN_ACTIVITY_CHARS);
}

export interface PresenceLine {
  uri: string;
  state: PresenceState;
  stateLabel: string;
  /** True when this is what was last known, not a live subscription's answer. */
  lastKnown: boolean;
  /** The RPID activities the background derived, in words (activityLabel). */
  activities: string[];
  note: string | null;
  /** "changed 5 minutes ago", or null before anything was known. */
  changed: string | null;
  /** Why the state is unknown or blocked, or why it is no longer live: its code's meaning in the user's words. */
  reason: string | null;
}

const isDocumentState = (s: PresenceState) => (DOCUMENT_STATES as readonly string[]).includes(s);

export function describePresence(entry: PresenceEntry, now: number): PresenceLine {
  return {
    uri: entry.uri,
    state: entry.state,
    stateLabel: presenceLabel(entry.state),
    lastKnown: !entry.subscribed && isDocumentState(entry.state),
    activities: entry.activities.map(activityLabel),
    note: entry.note,
    changed:
      entry.changedAt === null
        ? null
        : t('presenceChanged', formatAgo(Math.max(0, Math.round((now - entry.changedAt) / 1000)))),
    // Its code's meaning in words (shared/display.ts errorMeaning); core's English message only for a code the
    // lists do not know (an older or newer background).
    reason: entry.error ? (errorMeaning(entry.error.code) ?? entry.error.message) : null,
  };
}

/** The one state a number's page mark shows: the most reachable of its URIs' states (PRESENCE_STATES order). */
export function numberPresence(entries: readonly Pick<PresenceEntry, 'state'>[]): PresenceState | undefined {
  return PRESENCE_STATES.find((s) => entries.some((e) => e.state === s));
}
