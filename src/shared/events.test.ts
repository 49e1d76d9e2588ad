import { describe, expect, it } from 'vitest';
import { parseEvent } from './events.ts';

describe('parseEvent (runtime guard for every pushed event)', () => {
  it.each([[{ type: 'tabNumbersChanged', payload: { tabId: 7 } }], [{ type: 'cacheCleared', payload: {} }]])('accepts %j', (e) => {
    expect(parseEvent(e)).toEqual({ ok: true, value: e });
  });
  it.each([
    ['not an object', 'cacheCleared'],
    ['unknown type', { type: 'resolveNumber', payload: {} }],
    ['prototype key as type', { type: 'toString', payload: {} }],
    ['missing payload', { type: 'cacheCleared' }],
    ['negative tab', { type: 'tabNumbersChanged', payload: { tabId: -1 } }],
    ['fractional tab', { type: 'tabNumbersChanged', payload: { tabId: 1.5 } }],
  ])('refuses %s with a coded error', (_why, e) => {
    const r = parseEvent(e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad-message');
  });
});
