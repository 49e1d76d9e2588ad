// Which view hears which presence change (README "Privacy"): only the URIs it asked for. The wiring to the
// browser's ports is tested end to end (test/e2e/presence-audience.test.ts).
import { describe, expect, it } from 'vitest';
import { PresenceAudience } from './audience.ts';

const tabA = { key: '1/0/doc-a', tab: 1 };
const tabB = { key: '2/0/doc-b', tab: 2 };
const popup = { key: '-/0/doc-p', tab: undefined };

describe('PresenceAudience', () => {
  it('a view hears only the URIs it asked for: tab B does not hear what tab A looks at', () => {
    const a = new PresenceAudience();
    a.watch(tabA, ['pres:alice@example.test']);
    a.watch(tabB, ['pres:carol@example.test']);
    a.watch(tabA, ['pres:maria@example.test']);
    expect(a.hears(tabA.key, 'pres:alice@example.test')).toBe(true);
    expect(a.hears(tabA.key, 'pres:maria@example.test')).toBe(true);
    expect(a.hears(tabB.key, 'pres:alice@example.test')).toBe(false);
    expect(a.hears(tabB.key, 'pres:carol@example.test')).toBe(true);
    expect(a.hears(popup.key, 'pres:alice@example.test')).toBe(false);
  });

  it('two views of one URI both hear it; a closed view hears nothing, even if its key comes back', () => {
    const a = new PresenceAudience();
    a.watch(tabA, ['pres:alice@example.test']);
    a.watch(popup, ['pres:alice@example.test']);
    a.forget(tabA.key);
    expect(a.hears(tabA.key, 'pres:alice@example.test')).toBe(false);
    expect(a.hears(popup.key, 'pres:alice@example.test')).toBe(true);
  });

  it('a closed tab takes all its views with it, and only its own', () => {
    const a = new PresenceAudience();
    const frame = { key: '1/7/doc-f', tab: 1 };
    a.watch(tabA, ['pres:alice@example.test']);
    a.watch(frame, ['pres:alice@example.test']);
    a.watch(tabB, ['pres:alice@example.test']);
    a.forgetTab(1);
    expect([tabA, frame, tabB].map((v) => a.hears(v.key, 'pres:alice@example.test'))).toEqual([false, false, true]);
  });
});
