// What ENUM says about each number on the page: the highlight its ranges are in (README "Page annotations").
// Lookups go through the background worker (`resolveNumber`); the page's numbers and states are reported to it
// in one batched `reportNumbers` message for the popup and badge (uBlock Origin groups messages per idle period).
import type { LookupResult } from '../../core/enum/types.ts';
import type { CoreError } from '../../core/result.ts';
import { stateOfResult, type EnumState, type Reply } from '../../shared/protocol.ts';

export interface Lookup {
  state: EnumState;
  result?: LookupResult;
  /** Set when the lookup failed before reaching the resolver (e.g. the background did not answer): its code and exact message. */
  error?: CoreError;
}

export class NumberStates {
  private readonly lookups = new Map<string, Lookup>();
  private readonly inFlight = new Map<string, Promise<Lookup>>();
  private readonly listeners = new Set<(e164: string, lookup: Lookup) => void>();

  constructor(private readonly send: (e164: string) => Promise<Reply<'resolveNumber'>>) {}

  get(e164: string): Lookup {
    return this.lookups.get(e164) ?? { state: 'idle' };
  }

  stateOf = (e164: string): EnumState => this.get(e164).state;

  onChange(listener: (e164: string, lookup: Lookup) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolve once; an answer is reused until its TTL runs out, failures are retried on the next request. */
  resolve(e164: string): Promise<Lookup> {
    const known = this.lookups.get(e164);
    if (known?.result && known.state !== 'error' && known.result.fetchedAt + known.result.ttl * 1000 > Date.now()) {
      return Promise.resolve(known);
    }
    const running = this.inFlight.get(e164);
    if (running) return running;
    this.set(e164, { ...known, state: 'pending' });
    const promise = this.send(e164).then((reply) => {
      this.inFlight.delete(e164);
      const lookup: Lookup = reply.ok
        ? { state: stateOfResult(reply.value), result: reply.value }
        : { state: 'error', error: reply.error };
      this.set(e164, lookup);
      return lookup;
    });
    this.inFlight.set(e164, promise);
    return promise;
  }

  private set(e164: string, lookup: Lookup): void {
    this.lookups.set(e164, lookup);
    for (const l of this.listeners) l(e164, lookup);
  }
}
