// `--presence`: subscribe to every presence URI a lookup found, through the user's SIP server over WebSocket
// (the `ws` package: Node 20 has no global WebSocket), report each one's state after its first NOTIFY or the
// timeout, then unsubscribe (Expires: 0) before exiting. The rules are core's (src/core/presence/session.ts),
// shared with the extension's background.
import WebSocket from 'ws';
import type { FetchLike } from '../core/doh/types.ts';
import type { DohMethod } from '../core/doh/provider.ts';
import type { CoreError } from '../core/result.ts';
import { SipSession, type PresenceWatch, type SipAccount } from '../core/presence/session.ts';
import type { WebSocketFactory, WebSocketLike } from '../core/presence/sip-transport.ts';
import { srvLookupOverDoh, subscribeTarget } from '../core/presence/target.ts';
import { unknownEntry, type PresenceEntry } from '../core/presence/entry.ts';
import { printable } from '../core/printable.ts';

export interface PresenceOptions {
  uris: string[];
  account: SipAccount;
  resolver: { dohUrl: string; method: DohMethod; fetch: FetchLike };
  timeoutMs: number;
  languages: readonly string[];
}

// `ws` trusts NODE_EXTRA_CA_CERTS like the rest of Node's TLS.
const nodeWebSocket: WebSocketFactory = (url, protocol) => new WebSocket(url, protocol) as unknown as WebSocketLike;

const unknown = (uri: string, target: string | null, error: CoreError): PresenceEntry =>
  unknownEntry(uri, target, error);

export async function watchOnce(o: PresenceOptions): Promise<PresenceEntry[]> {
  if (o.uris.length === 0) return [];
  const srv = srvLookupOverDoh({ ...o.resolver, timeoutMs: o.timeoutMs });
  const targets = await Promise.all(o.uris.map((uri) => subscribeTarget(uri, srv)));
  if (!targets.some((t) => t.ok))
    return o.uris.map((uri, i) => unknown(uri, null, (targets[i] as { error: CoreError }).error));

  const session = new SipSession({
    ...o.account,
    webSocket: nodeWebSocket,
    now: Date.now,
    languages: o.languages,
    connectTimeoutMs: o.timeoutMs,
  });
  const started = await session.start();
  if (!started.ok) {
    await session.stop();
    return o.uris.map((uri, i) => {
      const t = targets[i]!;
      return unknown(uri, t.ok ? t.value.uri : null, t.ok ? started.error : t.error);
    });
  }
  const watches: (PresenceWatch | undefined)[] = [];
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.timeoutMs);
      const settled = () => {
        if (watches.every((w) => !w || w.view)) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const t of targets)
        watches.push(t.ok ? session.subscribe(t.value.uri, () => queueMicrotask(settled)) : undefined);
      settled();
    });
    return o.uris.map((uri, i) => {
      const t = targets[i]!;
      if (!t.ok) return unknown(uri, null, t.error);
      const w = watches[i]!;
      if (!w.view)
        return unknown(uri, t.value.uri, {
          code: 'timeout',
          message: `No NOTIFY for ${t.value.uri} within ${o.timeoutMs} ms.`,
        });
      return { uri, target: t.value.uri, subscribed: w.subscribed, ...w.view };
    });
  } finally {
    await Promise.all(watches.map((w) => w?.unsubscribe()));
    await session.stop();
  }
}

/**
 * The table's presence lines, e.g. `presence pres:alice@example.test: busy (on-the-phone) "In a call" since …`.
 * URIs, activities, notes and messages come from DNS, the SIP server or the presentity: all through printable().
 */
export function formatPresence(entries: PresenceEntry[]): string[] {
  return entries.map((e) => {
    const activities = e.activities.length ? ` (${e.activities.join(', ')})` : '';
    const note = e.note ? ` "${e.note}"` : '';
    // The server's own words, then the code that says what they mean (`sip-auth-failed`: README "The CLI").
    const why = e.error ? `: ${e.error.message} (${e.error.code})` : '';
    const since = e.changedAt !== null && !e.error ? ` since ${new Date(e.changedAt).toISOString()}` : '';
    return printable(`presence ${e.uri}: ${e.state}${activities}${note}${since}${why}`);
  });
}
