// Which presentities are worth a subscription right now: only those the user is looking at (an open card, the
// popup's list, an inspected number), kept LINGER_MS after the last view, at most MAX_SUBSCRIPTIONS at once —
// beyond that the least recently viewed goes. Pure bookkeeping with the clock passed in; the background turns
// its answers into SUBSCRIBE / SUBSCRIBE Expires: 0 (RFC 6665 §4.1.2.3), and mirrors it to storage.session
// (toJSON/fromJSON) so a restarted service worker re-subscribes what is still wanted.

export const MAX_SUBSCRIPTIONS = 50;
export const LINGER_MS = 5 * 60_000;

export interface WantedEntry {
  uri: string;
  /** Epoch ms of the last view. */
  viewedAt: number;
}

export interface ViewChange {
  /** Newly wanted: subscribe. */
  added: boolean;
  /** No longer wanted to make room: unsubscribe. */
  evicted: string[];
}

export class WantedSet {
  // Map keeps insertion order; a view re-inserts, so the first entry is always the least recently viewed.
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly capacity = MAX_SUBSCRIPTIONS,
    private readonly lingerMs = LINGER_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** The user looks at `uri` now. */
  view(uri: string, now: number): ViewChange {
    const added = !this.entries.delete(uri);
    this.entries.set(uri, now);
    const evicted: string[] = [];
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
      evicted.push(oldest);
    }
    return { added, evicted };
  }

  /** Remove and return the URIs not viewed for longer than the linger time. */
  expire(now: number): string[] {
    const gone = [...this.entries].filter(([, at]) => now - at > this.lingerMs).map(([uri]) => uri);
    for (const uri of gone) this.entries.delete(uri);
    return gone;
  }

  /** When the next entry will expire (epoch ms), for a timer or an alarm; undefined when empty. */
  nextExpiry(): number | undefined {
    const first = this.entries.values().next();
    return first.done ? undefined : first.value + this.lingerMs;
  }

  /** Least recently viewed first. */
  toJSON(): WantedEntry[] {
    return [...this.entries].map(([uri, viewedAt]) => ({ uri, viewedAt }));
  }

  /** Rebuild from stored data, dropping anything malformed (storage is not trusted to hold our shape). */
  static fromJSON(data: unknown, capacity = MAX_SUBSCRIPTIONS, lingerMs = LINGER_MS): WantedSet {
    const set = new WantedSet(capacity, lingerMs);
    if (!Array.isArray(data)) return set;
    const valid = data.filter(
      (e): e is WantedEntry =>
        typeof e === 'object' && e !== null && typeof e.uri === 'string' && e.uri !== '' && Number.isFinite(e.viewedAt),
    );
    for (const e of valid.sort((a, b) => a.viewedAt - b.viewedAt)) set.view(e.uri, e.viewedAt);
    return set;
  }
}
