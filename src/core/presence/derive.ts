// From a PIDF document to what a card shows: one state, the activities, the notes, when it last changed.
// RFC 4479's data model lets a watcher compose the services (tuples) and the person as it sees fit; our composition:
//   offline   — no tuple is open (every <basic> closed or absent, or no tuples at all);
//   busy      — some tuple open and a busy activity (rpid.ts BUSY_ACTIVITIES) on the person or a tuple;
//   away      — some tuple open and an away activity, or the person (or every open tuple) idle (user-input);
//   available — some tuple open and neither of the above.
// Busy wins over away: "on the phone while travelling" is best answered with "busy".
import type { Note } from './note.ts';
import type { PidfDocument } from './pidf.ts';
import { AWAY_ACTIVITIES, BUSY_ACTIVITIES } from './rpid.ts';
import type { DocumentState } from './state.ts';

/** Every activity of the document, person first then tuples, each once. */
export function documentActivities(doc: PidfDocument): string[] {
  return [...new Set([...doc.persons.flatMap((p) => p.activities), ...doc.tuples.flatMap((t) => t.activities)])];
}

export function presenceState(doc: PidfDocument): DocumentState {
  const open = doc.tuples.filter((t) => t.basic === 'open');
  if (open.length === 0) return 'offline';
  const activities = documentActivities(doc);
  if (activities.some((a) => BUSY_ACTIVITIES.has(a))) return 'busy';
  if (activities.some((a) => AWAY_ACTIVITIES.has(a))) return 'away';
  const personIdle = doc.persons.some((p) => p.userInput === 'idle');
  const servicesIdle = open.every((t) => t.userInput === 'idle');
  return personIdle || servicesIdle ? 'away' : 'available';
}

/** Notes in the order a card should consider them: the person's, then the document's, then the tuples'. */
export function documentNotes(doc: PidfDocument): Note[] {
  return [...doc.persons.flatMap((p) => p.notes), ...doc.notes, ...doc.tuples.flatMap((t) => t.notes)];
}

/** The newest <timestamp> in the document (epoch ms), if any: when the presentity says its state changed. */
export function latestTimestamp(doc: PidfDocument): number | undefined {
  const all = [...doc.persons, ...doc.tuples].map((x) => x.timestamp).filter((t): t is number => t !== undefined);
  return all.length ? Math.max(...all) : undefined;
}
