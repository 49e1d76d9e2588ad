// Region choice, text chunking and NFKC offset mapping (src/content/detect/region.ts, chunks.ts, normalize.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { regionOfLang, userRegion } from './region.ts';
import { chunkBoundaries } from './chunks.ts';
import { normalizeForMatching, toSourceRange } from './normalize.ts';
import { findNumbers } from './find-numbers.ts';
import { dateLikeToken } from './filters/date-like.ts';

describe('regionOfLang (nearest lang with a region subtag, else the usual country)', () => {
  it('uses the region subtag', () => {
    expect(regionOfLang('en-GB', 'US')).toBe('GB');
    expect(regionOfLang('zh-Hant-TW', 'US')).toBe('TW');
    expect(regionOfLang('de_AT', '')).toBe('AT');
  });
  it("falls back to the language's usual country", () => {
    expect(regionOfLang('de', 'FR')).toBe('DE');
    expect(regionOfLang('ja', 'US')).toBe('JP');
  });
  it('leaves languages of many countries to the user region', () => {
    expect(regionOfLang('en', 'GB')).toBeUndefined();
    expect(regionOfLang('', 'GB')).toBeUndefined();
  });
});

describe('userRegion: the setting, else the browser region of navigator.language (one rule with the options page)', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('reads a browser in plain `en` as US, as the options page and the background do', () => {
    vi.stubGlobal('navigator', { language: 'en', languages: ['en'] });
    expect(userRegion('')).toBe('US');
  });
  it('uses the region of navigator.language, and the setting over it', () => {
    vi.stubGlobal('navigator', { language: 'en-GB', languages: ['en-GB', 'en-US'] });
    expect(userRegion('')).toBe('GB');
    expect(userRegion('jm')).toBe('JM');
  });
});

describe('chunkBoundaries (idle slices never scan a whole huge text node)', () => {
  it('cuts only between words, so every number survives', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Rufen Sie 030 ${1234500 + i} an oder schreiben Sie.`).join(' ');
    const cuts = chunkBoundaries(text, 1000);
    expect(cuts.length).toBeGreaterThan(10);
    const pieces = cuts.slice(1).map((end, i) => text.slice(cuts[i], end));
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 4000)).toBe(true);
    const found = pieces.flatMap((p) => findNumbers(p, 'DE'));
    expect(found).toHaveLength(400);
  });
  it('leaves short texts whole', () => expect(chunkBoundaries('short', 1000)).toEqual([0, 5]));
});

describe('normalizeForMatching', () => {
  it('is the identity for ASCII text', () => {
    const n = normalizeForMatching('Tel 030 1234567');
    expect(n.text).toBe('Tel 030 1234567');
    expect(n.toSource).toBeUndefined();
  });
  it('maps full-width characters and surrogate pairs back', () => {
    const src = '𝟎𝟑𝟎 ＋４９';
    const n = normalizeForMatching(src);
    expect(n.text).toBe('030 +49');
    expect(toSourceRange(n, 4, 7)).toEqual([src.indexOf('＋'), src.length]);
    expect(toSourceRange(n, 0, 3)).toEqual([0, 6]);
  });
});

describe('dateLikeToken', () => {
  it.each([
    ['05.10.1986', 'date or time'],
    ['2024-03-15', 'date or time'],
    ['09:00-17:00', 'date or time range'],
    ['1979-2011', 'year range'],
    ['20240315-0042', 'date-based reference number'],
    ['192.168.0.1', 'IP address'],
    ['10.0.19045.2965', 'version string'],
  ])('%s → %s', (token, reason) => expect(dateLikeToken(token)).toBe(reason));
  it.each(['650-253-1234', '06.12.34.56.78', '1.800.555.1234', '02.123.45.67', '03-5555-1234'])(
    '%s is not date-like',
    (t) => expect(dateLikeToken(t)).toBeUndefined(),
  );
});
