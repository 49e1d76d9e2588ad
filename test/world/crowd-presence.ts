// What the crowd (crowd.ts) does in a presence world, for the "at most 50 subscriptions at once" tests in both
// browsers (test/e2e/presence-crowd.test.ts, firefox-crowd.test.ts): member i publishes available, busy or
// offline in turn; Kamailio's log tells which members a SUBSCRIBE with a given Expires was sent for.
import type { Kamailio } from './kamailio.ts';
import { CROWD } from './crowd.ts';
import { ON_THE_PHONE, pidf, type PresenceWorld } from './presence-world.ts';

/** The state member i shows once its document arrived. */
export const crowdState = (i: number) => (['available', 'busy', 'offline'] as const)[i % 3]!;

/**
 * The states a view hears for the first `count` members, keyed by pres: URI, as the crowd tests collect them
 * (`<state>`, with " (not subscribed)" once no longer live): after the first `evicted` were evicted, theirs are
 * kept as last known.
 */
export const crowdStates = (count: number, evicted = 0): Record<string, string> =>
  Object.fromEntries(
    CROWD.slice(0, count).map((m, i) => [m.pres, `${crowdState(i)}${i < evicted ? ' (not subscribed)' : ''}`]),
  );

/** Every member publishes its document (crowdState). */
export async function publishCrowd(presence: PresenceWorld): Promise<void> {
  for (const [i, m] of CROWD.entries())
    await presence.publish(
      m.user,
      [pidf('open', '', m.user), pidf('open', ON_THE_PHONE, m.user), pidf('closed', '', m.user)][i % 3]!,
    );
}

/**
 * The members Kamailio saw a SUBSCRIBE for with this Expires (kamailio-config.ts logs To), in the whole log: its
 * default tail would already start inside the crowd's PUBLISHes.
 */
export const crowdSubscribes = async (sip: Kamailio, expires: number): Promise<Set<string | undefined>> =>
  new Set(
    [
      ...(await sip.log(Infinity)).matchAll(
        new RegExp(`SUBSCRIBE to=sip:(crowd\\d\\d)@example\\.test expires=${expires}\\n`, 'g'),
      ),
    ].map((m) => m[1]),
  );
