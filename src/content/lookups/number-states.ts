// What ENUM says about each number on the page: the highlight its ranges are in (README "Page annotations").
// Lookups go through the background worker (`resolveNumber`); the page's numbers and states are reported to it
// in one batched `reportNumbers` message for the popup and badge (uBlock Origin groups messages per idle period).
// A lookup the background's rate limit refuses is not a failure: the number stays pending and waits its turn in
// the retry queue (retry-queue.ts), or goes back to idle if it is no longer wanted when its turn comes.
import type { LookupResult } from '../../core/enum/types.ts';
import { usableUntil } from '../../core/enum/answer-grace.ts';
import type { CoreError } from '../../core/result.ts';
import { stateOfResult, type EnumState, type Reply } from '../../shared/protocol.ts';
import { RetryQueue } from './retry-queue.ts';

export interface Lookup {
  state: EnumState;
  result?: LookupResult;
  /** Set when the lookup failed before reaching the resolver (e.g. the background did not answer): its code and exact message. */
  error?: CoreError;
}

/**
 * The answer a view may still act on (core/enum/answer-grace.ts): within its TTL, or the grace the background keeps
 * answers for their views. Past it, the background holds the answer no more: a card offers to look it up again.
 */
export const usableAnswer = (lookup: Lookup, now: number): LookupResult | undefined =>
  lookup.result && lookup.state !== 'error' && now < usableUntil(lookup.result) ? lookup.result : undefined;

/**
 * The pres URIs a card may ask the background to watch (viewPresence): those of an answer it still holds. A number
 * pending — its first lookup, or a new one because the last answer's TTL ran out — has none yet: the card asks
 * when the new answer arrives.
 */
export const presToWatch = (lookup: Lookup, now: number): readonly string[] =>
  lookup.state === 'pending' ? [] : (usableAnswer(lookup, now)?.pres ?? []);

export class NumberStates {
  private readonly lookups = new Map<string, Lookup>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<(e164: string, lookup: Lookup) => void>();
  private readonly queue: RetryQueue;

  constructor(
    private readonly send: (e164: string) => Promise<Reply<'resolveNumber'>>,
    /** Still worth a lookup once the rate limit lets it through (in view, or its card open). */
    wanted: (e164: string) => boolean,
  ) {
    this.queue = new RetryQueue(
      (e164) => this.lookup(e164),
      wanted,
      (e164) => this.set(e164, { state: 'idle' }),
    );
  }

  get(e164: string): Lookup {
    return this.lookups.get(e164) ?? { state: 'idle' };
  }

  stateOf = (e164: string): EnumState => this.get(e164).state;

  onChange(listener: (e164: string, lookup: Lookup) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolve once; an answer is reused until its TTL runs out, failures are retried on the next request. While the
   * background's rate limit holds lookups back, the number is pending in the retry queue; `first` (the user points
   * at it) puts it before the others.
   */
  resolve(e164: string, first = false): void {
    const known = this.lookups.get(e164);
    if (known?.result && known.state !== 'error' && known.result.fetchedAt + known.result.ttl * 1000 > Date.now())
      return;
    if (this.inFlight.has(e164)) return;
    if (this.queue.has(e164)) {
      if (first) this.queue.add(e164, true);
      return;
    }
    this.set(e164, { ...known, state: 'pending' });
    if (this.queue.busy) this.queue.add(e164, first);
    else
      void this.lookup(e164).then((retryAfterMs) => {
        if (retryAfterMs !== undefined) this.queue.refused(e164, retryAfterMs);
      });
  }

  /** One request; a rate-limited refusal leaves the number pending and gives its retry-after hint. */
  private async lookup(e164: string): Promise<number | undefined> {
    this.inFlight.add(e164);
    const reply = await this.send(e164);
    this.inFlight.delete(e164);
    if (!reply.ok && reply.error.code === 'rate-limited') return Number(reply.error.retryAfterMs); // NaN: no hint
    this.set(
      e164,
      reply.ok ? { state: stateOfResult(reply.value), result: reply.value } : { state: 'error', error: reply.error },
    );
    return undefined;
  }

  /** The session ends: nothing more is sent. */
  stop(): void {
    this.queue.stop();
  }

  private set(e164: string, lookup: Lookup): void {
    this.lookups.set(e164, lookup);
    for (const l of this.listeners) l(e164, lookup);
  }
}
