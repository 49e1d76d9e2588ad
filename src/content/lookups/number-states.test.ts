// What a card may act on (number-states.ts): an answer within its TTL or the grace the background keeps answers
// for their views (core/enum/answer-grace.ts), and the pres URIs it asks the background to watch: never those of
// an answer being looked up again, nor of one the background holds no more.
import { describe, expect, it } from 'vitest';
import type { LookupResult } from '../../core/enum/types.ts';
import { ANSWERED_GRACE_MS } from '../../core/enum/answer-grace.ts';
import { presToWatch, usableAnswer } from './number-states.ts';

const NOW = 1_800_000_000_000;
const answer = (ttl: number, age: number) =>
  ({ pres: ['pres:alice@example.test'], ttl, fetchedAt: NOW - age }) as unknown as LookupResult;

describe('usableAnswer', () => {
  it('is the answer within its TTL, or within the grace after it was fetched, whichever is longer', () => {
    expect(usableAnswer({ state: 'pres', result: answer(300, 299_000) }, NOW)).toBeDefined();
    expect(usableAnswer({ state: 'pres', result: answer(0, 0) }, NOW)).toBeDefined(); // TTL 0: never cached
    expect(usableAnswer({ state: 'pres', result: answer(0, ANSWERED_GRACE_MS - 1) }, NOW)).toBeDefined();
    expect(usableAnswer({ state: 'pres', result: answer(0, ANSWERED_GRACE_MS) }, NOW)).toBeUndefined();
    expect(usableAnswer({ state: 'pres', result: answer(300, 300_000) }, NOW)).toBeUndefined();
  });

  it('is none for a failure or no answer', () => {
    expect(usableAnswer({ state: 'error', error: { code: 'network', message: 'down' } }, NOW)).toBeUndefined();
    expect(usableAnswer({ state: 'idle' }, NOW)).toBeUndefined();
  });
});

describe('presToWatch', () => {
  it('gives the pres URIs of a usable answer', () => {
    expect(presToWatch({ state: 'pres', result: answer(300, 1000) }, NOW)).toEqual(['pres:alice@example.test']);
    expect(presToWatch({ state: 'pres', result: answer(0, 1000) }, NOW)).toEqual(['pres:alice@example.test']);
  });

  it('gives none while the number is looked up again, though the old answer is still shown', () => {
    expect(presToWatch({ state: 'pending', result: answer(300, 1000) }, NOW)).toEqual([]);
  });

  it('gives none for an answer the background holds no more (the card offers to look it up again)', () => {
    expect(presToWatch({ state: 'pres', result: answer(300, 400_000) }, NOW)).toEqual([]);
  });

  it('gives none without an answer', () => {
    expect(presToWatch({ state: 'pending' }, NOW)).toEqual([]);
    expect(presToWatch({ state: 'idle' }, NOW)).toEqual([]);
  });
});
