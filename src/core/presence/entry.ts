// What is known of one presentity, as data that crosses contexts: the background pushes it to the views
// (shared/events.ts), keeps it in storage.session, and the CLI prints it (README "CLI", `presence`). Kept apart
// from the PIDF reader (view.ts) so that a view can check it without bundling the XML parser.
import type { CoreError } from '../result.ts';
import { isPresenceState, type PresenceState } from './state.ts';

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
export const unknownEntry = (uri: string, target: string | null, error?: CoreError): PresenceEntry => ({
  uri,
  target,
  subscribed: false,
  state: 'unknown',
  activities: [],
  note: null,
  changedAt: null,
  ...(error ? { error } : {}),
});

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** At most this many activities cross contexts, each at most MAX_ACTIVITY_CHARS long: isPresenceEntry checks both. */
export const MAX_ACTIVITIES = 64;
export const MAX_ACTIVITY_CHARS = 64;

/**
 * A document's activity names as an entry carries them. The names are the presentity's (any element in the RPID
 * namespace, RFC 4480 §3.2's or not), so a hostile or broken server could send more or longer ones than a view
 * accepts, and the view would drop the whole update: keep the first MAX_ACTIVITIES, and cut a longer name
 * (no RFC 4480 name is longer than 17 characters) to MAX_ACTIVITY_CHARS ending in "…".
 */
export function boundActivities(names: readonly string[]): string[] {
  return names
    .slice(0, MAX_ACTIVITIES)
    .map((a) =>
      a.length <= MAX_ACTIVITY_CHARS ? a : `${a.slice(0, MAX_ACTIVITY_CHARS - 1).replace(/[\ud800-\udbff]$/, '')}…`,
    );
}

/** Whether an untrusted value (a pushed event, storage.session) has the shape of a PresenceEntry. */
export function isPresenceEntry(v: unknown): v is PresenceEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  const error = e.error as Record<string, unknown> | undefined;
  return (
    isText(e.uri, 2048) &&
    (e.target === null || isText(e.target, 2048)) &&
    typeof e.subscribed === 'boolean' &&
    isPresenceState(e.state) &&
    Array.isArray(e.activities) &&
    e.activities.length <= MAX_ACTIVITIES &&
    e.activities.every((a) => isText(a, MAX_ACTIVITY_CHARS)) &&
    (e.note === null || isText(e.note, 1000)) &&
    (e.changedAt === null || Number.isFinite(e.changedAt)) &&
    (error === undefined ||
      (typeof error === 'object' && error !== null && isText(error.code, 64) && isText(error.message, 2048)))
  );
}
