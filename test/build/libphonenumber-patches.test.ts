// The libphonenumber-js modules the build replaces (build/libphonenumber-patches.ts): every import of them in the
// library is aliased (so the class it throws is the one its catch blocks test), and each replacement behaves as the
// module it replaces.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { libphonenumberPatches } from '../../build/libphonenumber-patches.ts';
import ParseError from '../../src/shared/libphonenumber/parse-error.ts';
import matchesEntirely from '../../src/shared/libphonenumber/matches-entirely.ts';

const library = dirname(createRequire(import.meta.url).resolve('libphonenumber-js'));
/** The library's ES module builds: es6-modern (libphonenumber-js/core/es6, the content script's) and es6. */
const BUILDS = ['es6-modern', 'es6'];

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js') && !entry.name.endsWith('.test.js')) yield path;
  }
}

/** Every import specifier in the library's ES builds and its package entry points. */
const specifiers = [...BUILDS, 'core', 'max', 'min', 'mobile', '.']
  .flatMap((d) => (d === '.' ? [join(library, 'index.js')] : [...jsFiles(join(library, d))]))
  .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!));

const original = async <T>(path: string): Promise<T> =>
  ((await import(pathToFileURL(join(library, 'es6-modern', path)).href)) as { default: T }).default;

describe.each([
  ['ParseError.js', 'parse-error.ts'],
  ['matchesEntirely.js', 'matches-entirely.ts'],
])('the alias for %s', (module, replacement) => {
  const patch = libphonenumberPatches.find((p) => p.replacement.endsWith(`/${replacement}`))!;

  it('catches every import of it in the library, and nothing else', () => {
    const imports = specifiers.filter((s) => s === module || s.endsWith(`/${module}`));
    expect(imports.length).toBeGreaterThan(3);
    for (const s of imports) expect(s, s).toMatch(patch.find);
    for (const s of new Set(specifiers.filter((s) => !imports.includes(s)))) expect(s, s).not.toMatch(patch.find);
  });
});

describe('the ParseError replacement', () => {
  it('reads as the library’s own: instanceof, message, name', async () => {
    const Original = await original<new (code: string) => Error>('ParseError.js');
    for (const [Class, e] of [
      [ParseError, new ParseError('TOO_SHORT')],
      [Original, new Original('TOO_SHORT')],
    ] as const) {
      expect(e).toBeInstanceOf(Class);
      expect(e).toBeInstanceOf(Error);
      expect(e.message).toBe('TOO_SHORT');
      expect(e.name).toBe('ParseError');
      expect(String(e)).toBe('ParseError: TOO_SHORT');
    }
  });

  it('keeps the prototype it was made with (no own prototype change, no own name)', () => {
    const e = new ParseError('NOT_A_NUMBER');
    expect(Object.getPrototypeOf(e)).toBe(ParseError.prototype);
    expect(Object.keys(e)).toEqual([]);
  });
});

describe('the matchesEntirely replacement', () => {
  it('answers as the library’s own, again and again', async () => {
    const lib = await original<(text: string | undefined, pattern: string) => boolean>('helpers/matchesEntirely.js');
    const cases: [string | undefined, string][] = [
      ['2025550143', '[2-9]\\d{9}'],
      ['20255501430', '[2-9]\\d{9}'],
      ['x2025550143', '[2-9]\\d{9}'],
      ['0', '0|1'],
      ['01', '0|1'],
      ['', '\\d*'],
      [undefined, '\\d*'],
      [undefined, 'x?'],
      ['1', '1'],
    ];
    for (let round = 0; round < 3; round++)
      for (const [text, pattern] of cases)
        expect(matchesEntirely(text, pattern), `${text} ${pattern}`).toBe(lib(text, pattern));
  });
});
