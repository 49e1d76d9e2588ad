// The background's live-presence subscriptions: which presentities are wanted (core WantedSet: only what the
// user is looking at, 5 minutes after the last view, at most 50), one SIP session while any is wanted, one
// SUBSCRIBE each (RFC 6665), SUBSCRIBE Expires: 0 for what is no longer wanted, reconnection with back-off.
// Nothing that matters lives only in memory: the wanted set and the last-known entries are mirrored to
// storage.session, so a restarted service worker (restore) re-subscribes what is still wanted.
// Platform, SIP session, clock and timers are passed in (index.ts wires the real ones; the tests fakes).
import type { KeyValueStore } from '../../core/store.ts';
import type { CoreError, Result } from '../../core/result.ts';
import type { PresenceWatch, SipAccount } from '../../core/presence/session.ts';
import { isPresenceEntry, unknownEntry, type PresenceEntry, type PresenceView } from '../../core/presence/entry.ts';
import { WantedSet } from '../../core/presence/wanted.ts';

export const WANTED_KEY = 'presenceWanted';
export const ENTRIES_KEY = 'presenceEntries';
/** Last-known entries kept in storage.session, newest first; older ones are dropped. */
const MAX_KEPT_ENTRIES = 500;
/** Reconnection back-off: 1 s, 2 s, 4 s … at most 60 s. */
export const backoffMs = (attempt: number): number => Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6));

/** What the manager needs of a SIP session (core/presence/session.ts SipSession). */
export interface PresenceSession {
  start(): Promise<Result<void>>;
  subscribe(target: string, onChange: (view: PresenceView) => void): PresenceWatch;
  stop(): Promise<void>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PresenceDeps {
  store: KeyValueStore;
  now: () => number;
  timers: Timers;
  /** The account to use, or undefined when live presence is off, not configured or has no password. */
  account: () => Promise<SipAccount | undefined>;
  openSession: (account: SipAccount, onDisconnect: (error: Error) => void) => PresenceSession;
  /** The sip: URI to SUBSCRIBE for a presence URI (core/presence/target.ts). */
  target: (uri: string) => Promise<Result<string>>;
  /** An entry changed: push it to the views. */
  publish: (entry: PresenceEntry) => void;
  /**
   * Told after each operation whether work is pending (a session open or a reconnection scheduled): the
   * background must stay alive meanwhile (index.ts).
   */
  keepAlive?: (pending: boolean) => void;
}

const sameAccount = (a: SipAccount | undefined, b: SipAccount | undefined) =>
  a?.server === b?.server && a?.address === b?.address && a?.username === b?.username && a?.password === b?.password;

export class PresenceManager {
  private wanted: WantedSet | undefined;
  private entries = new Map<string, PresenceEntry>();
  private session: PresenceSession | undefined;
  private sessionAccount: SipAccount | undefined;
  private readonly watches = new Map<string, PresenceWatch>();
  private attempt = 0;
  private reconnectTimer: unknown;
  private expiryTimer: unknown;
  // One operation at a time: views, expiry, settings and socket events all change the same state.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PresenceDeps) {}

  /** The user is looking at these presence URIs: keep them subscribed; returns what is known of them now. */
  view(uris: readonly string[]): Promise<PresenceEntry[]> {
    return this.serial(async () => {
      const wanted = await this.load();
      const now = this.deps.now();
      for (const uri of uris) for (const gone of wanted.view(uri, now).evicted) await this.drop(gone);
      await this.saveWanted();
      this.scheduleExpiry();
      await this.sync();
      return uris.map((uri) => this.entries.get(uri) ?? unknownEntry(uri, null));
    });
  }

  /** After a worker start: forget what expired meanwhile and re-subscribe the rest. */
  restore(): Promise<void> {
    return this.serial(async () => {
      await this.load();
      await this.expire();
    });
  }

  /** Settings or password changed: reconnect with the new account, or stop when presence is off. */
  accountChanged(): Promise<void> {
    return this.serial(async () => {
      await this.load();
      if (!sameAccount(this.sessionAccount, await this.deps.account())) await this.stopSession();
      await this.sync();
    });
  }

  /** Last-known entries (storage.session), for a view that opens. */
  async known(uris: readonly string[]): Promise<PresenceEntry[]> {
    await this.serial(() => this.load());
    return uris.map((uri) => this.entries.get(uri) ?? unknownEntry(uri, null));
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op);
    this.queue = next
      .catch(() => undefined)
      .then(() => this.deps.keepAlive?.(this.session !== undefined || this.reconnectTimer !== undefined))
      .catch(() => undefined);
    return next;
  }

  private async load(): Promise<WantedSet> {
    if (this.wanted) return this.wanted;
    const stored = await this.deps.store.get([WANTED_KEY, ENTRIES_KEY]);
    this.wanted = WantedSet.fromJSON(stored[WANTED_KEY]);
    const entries = stored[ENTRIES_KEY];
    if (Array.isArray(entries)) {
      for (const e of entries) if (isPresenceEntry(e)) this.entries.set(e.uri, { ...e, subscribed: false });
    }
    return this.wanted;
  }

  private saveWanted(): Promise<void> {
    return this.deps.store.set({ [WANTED_KEY]: this.wanted?.toJSON() ?? [] });
  }

  private async saveEntries(): Promise<void> {
    const newest = [...this.entries.values()].slice(-MAX_KEPT_ENTRIES);
    this.entries = new Map(newest.map((e) => [e.uri, e]));
    await this.deps.store.set({ [ENTRIES_KEY]: newest });
  }

  private setEntry(entry: PresenceEntry): void {
    this.entries.delete(entry.uri); // re-inserted last: the newest are kept
    this.entries.set(entry.uri, entry);
    // Pushed before it is stored: the view waits for the push, and storing costs the worker about a millisecond.
    this.deps.publish(entry);
    void this.saveEntries();
  }

  private setError(uri: string, target: string | null, error: CoreError): void {
    const old = this.entries.get(uri);
    // Keep what was last known of the presentity, say why it is not live.
    this.setEntry(old ? { ...old, target, subscribed: false, error } : unknownEntry(uri, target, error));
  }

  /** Make the session and subscriptions match the wanted set. */
  private async sync(): Promise<void> {
    const wanted = this.wanted?.toJSON().map((e) => e.uri) ?? [];
    const account = wanted.length ? await this.deps.account() : undefined;
    if (!account) return this.stopSession();
    if (!this.session) {
      if (this.reconnectTimer !== undefined) return; // a reconnection is already scheduled
      const session = this.deps.openSession(
        account,
        (error) => void this.serial(() => this.disconnected(session, error)),
      );
      const started = await session.start();
      if (!started.ok) {
        await session.stop();
        for (const uri of wanted) this.setError(uri, this.entries.get(uri)?.target ?? null, started.error);
        this.scheduleReconnect();
        return;
      }
      this.session = session;
      this.sessionAccount = account;
      this.attempt = 0;
    }
    for (const uri of wanted) if (!this.watches.has(uri)) await this.subscribe(this.session, uri);
    for (const uri of [...this.watches.keys()]) if (!wanted.includes(uri)) await this.drop(uri);
  }

  private async subscribe(session: PresenceSession, uri: string): Promise<void> {
    const target = await this.deps.target(uri);
    if (!target.ok) return this.setError(uri, null, target.error);
    const watch = session.subscribe(target.value, (view) => {
      if (this.watches.get(uri) !== watch) return; // unsubscribed meanwhile
      this.setEntry({ uri, target: target.value, subscribed: watch.subscribed, ...view });
    });
    this.watches.set(uri, watch);
  }

  /** No longer wanted: SUBSCRIBE Expires: 0. */
  private async drop(uri: string): Promise<void> {
    const watch = this.watches.get(uri);
    this.watches.delete(uri);
    await watch?.unsubscribe();
    const old = this.entries.get(uri);
    if (old?.subscribed) this.setEntry({ ...old, subscribed: false });
  }

  private async stopSession(): Promise<void> {
    for (const uri of [...this.watches.keys()]) await this.drop(uri);
    const session = this.session;
    this.session = undefined;
    this.sessionAccount = undefined;
    if (this.reconnectTimer !== undefined) this.deps.timers.clear(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.attempt = 0;
    await session?.stop();
  }

  /** The server or network closed the socket: the subscriptions went with it; reconnect and subscribe again. */
  private async disconnected(session: PresenceSession, error: Error): Promise<void> {
    if (session !== this.session) return;
    this.session = undefined;
    this.sessionAccount = undefined;
    const uris = [...this.watches.keys()];
    this.watches.clear();
    await session.stop();
    for (const uri of uris)
      this.setError(uri, this.entries.get(uri)?.target ?? null, {
        code: 'sip-disconnected',
        message: `The connection to the SIP server closed: ${error.message}`,
      });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = backoffMs(this.attempt++);
    this.reconnectTimer = this.deps.timers.set(() => {
      this.reconnectTimer = undefined;
      void this.serial(() => this.sync());
    }, delay);
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer !== undefined) this.deps.timers.clear(this.expiryTimer);
    this.expiryTimer = undefined;
    const at = this.wanted?.nextExpiry();
    if (at === undefined) return;
    // +1: WantedSet keeps an entry for exactly LINGER_MS and lets it go after.
    this.expiryTimer = this.deps.timers.set(
      () => {
        this.expiryTimer = undefined;
        void this.serial(() => this.expire());
      },
      Math.max(0, at - this.deps.now()) + 1,
    );
  }

  private async expire(): Promise<void> {
    const gone = this.wanted?.expire(this.deps.now()) ?? [];
    for (const uri of gone) await this.drop(uri);
    await this.saveWanted();
    this.scheduleExpiry();
    await this.sync();
  }
}
