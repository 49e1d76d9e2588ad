import { describe, expect, it } from 'vitest';
import { parseEvent } from './events.ts';

describe('parseEvent (runtime guard for every pushed event)', () => {
  const entry = {
    uri: 'pres:alice@example.test',
    target: 'sip:alice@example.test',
    subscribed: true,
    state: 'busy',
    activities: ['on-the-phone'],
    note: 'In a call',
    changedAt: 1,
  };
  it.each([
    [{ type: 'tabNumbersChanged', payload: { tabId: 7 } }],
    [{ type: 'cacheCleared', payload: {} }],
    [{ type: 'presenceChanged', payload: { entry } }],
    [
      {
        type: 'presenceChanged',
        payload: {
          entry: {
            ...entry,
            state: 'unknown',
            subscribed: false,
            note: null,
            changedAt: null,
            error: { code: 'sip-auth-failed', message: 'no' },
          },
        },
      },
    ],
  ])('accepts %j', (e) => {
    expect(parseEvent(e)).toEqual({ ok: true, value: e });
  });
  it.each([
    ['not an object', 'cacheCleared'],
    ['unknown type', { type: 'resolveNumber', payload: {} }],
    ['prototype key as type', { type: 'toString', payload: {} }],
    ['missing payload', { type: 'cacheCleared' }],
    ['negative tab', { type: 'tabNumbersChanged', payload: { tabId: -1 } }],
    ['fractional tab', { type: 'tabNumbersChanged', payload: { tabId: 1.5 } }],
    ['presence state not in the list', { type: 'presenceChanged', payload: { entry: { ...entry, state: 'online' } } }],
    ['presence note not text', { type: 'presenceChanged', payload: { entry: { ...entry, note: { html: '<b>' } } } }],
    [
      'presence activities not a list of short text',
      { type: 'presenceChanged', payload: { entry: { ...entry, activities: ['x'.repeat(65)] } } },
    ],
    [
      'presence error without message',
      { type: 'presenceChanged', payload: { entry: { ...entry, error: { code: 'x' } } } },
    ],
  ])('refuses %s with a coded error', (_why, e) => {
    const r = parseEvent(e);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad-message');
  });
});
