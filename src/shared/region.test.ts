import { describe, expect, it } from 'vitest';
import { browserRegion } from './region.ts';

describe('browserRegion', () => {
  it("uses the locale's own region subtag", () => {
    expect(browserRegion('en-GB')).toBe('GB');
    expect(browserRegion('pt_BR')).toBe('BR');
    expect(browserRegion('zh-Hant-TW')).toBe('TW');
    expect(browserRegion('en-UK')).toBe('GB'); // an alias, replaced as maximize replaces it
    expect(browserRegion('en-ZZ')).toBe('US'); // unknown region: the language's likely one
  });
  it("falls back to the language's most likely region, the same for every context", () => {
    expect(browserRegion('en')).toBe('US');
    expect(browserRegion('de')).toBe('DE');
    expect(browserRegion('ja')).toBe('JP');
  });
  it('gives "" for what names no country', () => {
    expect(browserRegion('')).toBe('');
    expect(browserRegion('not a locale!')).toBe('');
    expect(browserRegion('es-419')).toBe('');
  });
});
