// RPID activities (RFC 4480, the <activities> element) and what each says about reachability. RFC 4480
// leaves the meaning to the watcher; this is our reading: "busy" activities mean the person is engaged right
// now and would rather not be interrupted, "away" ones that the person is not at their device. The rest
// (working, playing, tv, …) leave an open presentity available, and so do <rpid:other> (free text) and any
// name in the RPID namespace not in this list. Activities from other namespaces are not read at all.

/** Every activity element RFC 4480 defines for <activities>, in the RFC's order (plus "other", free text). */
export const RPID_ACTIVITIES = [
  'appointment',
  'away',
  'breakfast',
  'busy',
  'dinner',
  'holiday',
  'in-transit',
  'looking-for-work',
  'meal',
  'meeting',
  'on-the-phone',
  'performance',
  'permanent-absence',
  'playing',
  'presentation',
  'shopping',
  'sleeping',
  'spectator',
  'steering',
  'travel',
  'tv',
  'unknown',
  'vacation',
  'working',
  'worship',
  'other',
] as const;
export type RpidActivity = (typeof RPID_ACTIVITIES)[number];

/** Engaged: a call now would interrupt (steering = driving a vehicle). */
export const BUSY_ACTIVITIES: ReadonlySet<string> = new Set<RpidActivity>([
  'busy',
  'on-the-phone',
  'meeting',
  'performance',
  'presentation',
  'steering',
  'worship',
]);

/** Not at the device, or not expected to answer for a while. */
export const AWAY_ACTIVITIES: ReadonlySet<string> = new Set<RpidActivity>([
  'away',
  'appointment',
  'breakfast',
  'dinner',
  'holiday',
  'in-transit',
  'meal',
  'permanent-absence',
  'shopping',
  'sleeping',
  'travel',
  'vacation',
]);

export const isRpidActivity = (name: string): name is RpidActivity =>
  (RPID_ACTIVITIES as readonly string[]).includes(name);

/** RFC 4480 <user-input>: "active" or "idle". */
export type UserInput = 'active' | 'idle';
