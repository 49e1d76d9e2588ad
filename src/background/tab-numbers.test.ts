import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../core/store.ts';
import { MAX_TAB_NUMBERS, TabNumbers } from './tab-numbers.ts';

/** The shared memory store, recording which keys each read asked for. */
function memoryStore(): KeyValueStore & { reads: (string[] | null)[] } {
  const store = createMemoryStore();
  const reads: (string[] | null)[] = [];
  return { ...store, reads, get: (keys) => (reads.push(keys), store.get(keys)) };
}

describe('TabNumbers', () => {
  it('merges frames, updates states everywhere, forgets a tab, and never reads the whole store', async () => {
    const store = memoryStore();
    const tabs = new TabNumbers(store);
    await tabs.report(1, 0, [
      { e164: '+4312345678', state: 'idle' },
      { e164: '+12025550143', state: 'idle' },
    ]);
    await tabs.report(1, 7, [{ e164: '+4312345678', state: 'idle' }]);
    await tabs.report(2, 0, [{ e164: '+442079460000', state: 'idle' }]);
    await tabs.setState(1, '+4312345678', 'pres');
    expect(await tabs.list(1)).toEqual([
      { e164: '+4312345678', state: 'pres' },
      { e164: '+12025550143', state: 'idle' },
    ]);
    expect(await tabs.list(2)).toEqual([{ e164: '+442079460000', state: 'idle' }]);
    await tabs.report(1, 7, []); // a frame's new report replaces its old one
    await tabs.forget(2);
    expect(await tabs.list(2)).toEqual([]);
    expect(store.reads.every((k) => k !== null)).toBe(true);
  });

  it('loses no frame when frames report at the same time', async () => {
    const tabs = new TabNumbers(memoryStore());
    await Promise.all(
      [0, 1, 2, 3].map((frame) => tabs.report(5, frame, [{ e164: `+4312345${670 + frame}`, state: 'idle' }])),
    );
    expect((await tabs.list(5)).map((n) => n.e164).sort()).toEqual([
      '+4312345670',
      '+4312345671',
      '+4312345672',
      '+4312345673',
    ]);
  });
});

describe('TabNumbers: a tab keeps at most MAX_TAB_NUMBERS numbers', () => {
  it('cuts the frames that report past the cap, whatever the number of frames', async () => {
    const tabs = new TabNumbers(memoryStore());
    const numbers = (frame: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        e164: `+1202${String(frame).padStart(2, '0')}${String(i).padStart(5, '0')}`,
        state: 'idle' as const,
      }));
    for (let frame = 0; frame < 7; frame++) await tabs.report(3, frame, numbers(frame, 10_000));
    const listed = await tabs.list(3);
    expect(listed).toHaveLength(MAX_TAB_NUMBERS);
    expect(listed[0]?.e164).toBe('+12020000000');
    // A frame's new report replaces its own share, so a frame that shrinks frees room for the others.
    await tabs.report(3, 0, numbers(0, 10));
    await tabs.report(3, 1, numbers(1, 10_000));
    expect(await tabs.list(3)).toHaveLength(MAX_TAB_NUMBERS);
    expect((await tabs.list(3)).filter((n) => n.e164.startsWith('+120201'))).toHaveLength(MAX_TAB_NUMBERS - 10);
  });
});
