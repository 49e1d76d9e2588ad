// What a card asks the background to watch (number-states.ts presToWatch): the pres URIs of an answer just given,
// never those of an answer being looked up again (the background no longer holds an expired one).
import { describe, expect, it } from 'vitest';
import type { LookupResult } from '../../core/enum/types.ts';
import { presToWatch } from './number-states.ts';

const result = { pres: ['pres:alice@example.test'] } as unknown as LookupResult;

describe('presToWatch', () => {
  it('gives the pres URIs of an answer', () => {
    expect(presToWatch({ state: 'pres', result })).toEqual(['pres:alice@example.test']);
  });

  it('gives none while the number is looked up again (its TTL ran out), though the old answer is still shown', () => {
    expect(presToWatch({ state: 'pending', result })).toEqual([]);
  });

  it('gives none without an answer', () => {
    expect(presToWatch({ state: 'pending' })).toEqual([]);
    expect(presToWatch({ state: 'error', error: { code: 'network', message: 'down' } })).toEqual([]);
    expect(presToWatch({ state: 'idle' })).toEqual([]);
  });
});
