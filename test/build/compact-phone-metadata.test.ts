// The build step that compacts the phone metadata in the content script must give back exactly the metadata.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compactMetadataLiteral, metadataLiteralLast, trimForMatching } from '../../build/compact-phone-metadata.ts';
import {
  findPhoneNumbersInText,
  getCountries,
  getExampleNumber,
  type CountryCode,
  type Examples,
  type MetadataJson,
} from 'libphonenumber-js/core';
import { metadataJson } from '../../src/content/detect/phone-lib.ts';

const require = createRequire(import.meta.url);
const moduleText = readFileSync(
  require.resolve('libphonenumber-js/metadata.max.json').replace(/\.json$/, '.json.js'),
  'utf8',
);
const metadata = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as unknown;

/** The module text as a bundler writes it: a template literal (backslash, backtick and ${ escaped). */
const asTemplateLiteral = (text: string) =>
  '`' + text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${') + '`';

describe('compactMetadataLiteral', () => {
  it('round-trips the max metadata (trimmed for matching) and leaves the rest of the bundle alone', () => {
    const bundle = `var a=1;var zi=${asTemplateLiteral(moduleText)};console.log("\\\\d");`;
    const compact = compactMetadataLiteral(bundle);
    expect(compact.length).toBeLessThan(bundle.length - 15_000);
    expect(compact.startsWith('var a=1;var zi=`')).toBe(true);
    expect(compact.endsWith('`;console.log("\\\\d");')).toBe(true);
    const literal = compact.slice(compact.indexOf('`') + 1, compact.lastIndexOf('`'));
    expect(literal).not.toContain('\\'); // so the literal's value is its text
    expect(JSON.parse(metadataJson(literal))).toEqual(JSON.parse(trimForMatching(JSON.stringify(metadata))));
  });

  it('plain module text (unit tests, no build step) still parses', () => {
    expect(JSON.parse(metadataJson(moduleText))).toEqual(metadata);
  });

  it('refuses a bundle without the literal, or metadata it cannot compact safely', () => {
    expect(() => compactMetadataLiteral('var x=1;')).toThrow(/not found/);
    expect(() => compactMetadataLiteral('`// This file is a workaround {"a":"!"}`')).toThrow(/"!"/);
  });
});

describe('metadataLiteralLast', () => {
  /** What the script's IIFE returns. */
  const run = (script: string) => runInNewContext(script) as string;

  it('moves the literal behind all the code, into a function the IIFE hoists: the script reads the same string', () => {
    const bundle = `(function(){var a=1;var zi=${asTemplateLiteral(moduleText)},b=zi.length;return zi})();`;
    const moved = metadataLiteralLast(bundle);
    expect(moved.startsWith('(function(){var a=1;var zi=enumPresencePhoneMetadata(),b=zi.length;return zi;')).toBe(
      true,
    );
    expect(moved.endsWith('`}})();')).toBe(true);
    expect(run(moved)).toBe(moduleText);
    // Compacting finds the literal where it went.
    const compacted = JSON.parse(metadataJson(run(compactMetadataLiteral(moved)))) as unknown;
    expect(compacted).toEqual(JSON.parse(trimForMatching(JSON.stringify(metadata))));
  });

  it('refuses a script that is not one IIFE, or that already names the function', () => {
    const literal = asTemplateLiteral(moduleText);
    expect(() => metadataLiteralLast(`var zi=${literal};`)).toThrow(/one IIFE/);
    expect(() => metadataLiteralLast(`(function(){var zi=${literal}})();x()`)).toThrow(/one IIFE/);
    expect(() => metadataLiteralLast(`(function(){var zi=${literal};enumPresencePhoneMetadata=1})();`)).toThrow(
      /already names/,
    );
  });
});

describe('trimForMatching', () => {
  const full = metadata as MetadataJson;
  const trimmed = JSON.parse(trimForMatching(JSON.stringify(metadata))) as MetadataJson;
  const examples = JSON.parse(
    readFileSync(require.resolve('libphonenumber-js/examples.mobile.json'), 'utf8'),
  ) as Examples;

  it('drops patterns (the metadata shrinks)', () => {
    expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(full).length - 5_000);
  });

  it("finds, validates and formats every region's example numbers, and 30 variants of each, as the full metadata does", () => {
    let seed = 1;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n;
    const digit = () => String(Math.floor(random(10)));
    /** The number with one digit changed, inserted or dropped (so lengths and patterns near the edge are tried). */
    const variant = (nsn: string) => {
      const d = nsn.split('');
      const at = Math.floor(random(d.length));
      const op = Math.floor(random(3));
      if (op === 0) d[at] = digit();
      else if (op === 1) d.splice(at, 0, digit());
      else d.splice(at, 1);
      return d.join('');
    };
    const read = (text: string, country: CountryCode, m: MetadataJson) =>
      findPhoneNumbersInText(text, { defaultCountry: country }, m).map((f) => [
        f.startsAt,
        f.endsAt,
        f.number.number,
        f.number.formatInternational(),
        f.number.isValid(),
        f.number.isPossible(),
      ]);
    let checked = 0;
    for (const country of getCountries(full)) {
      const example = getExampleNumber(country, examples, full);
      if (!example) continue;
      for (let i = 0; i <= 30; i++) {
        const nsn = i === 0 ? example.nationalNumber : variant(example.nationalNumber);
        const text = `Tel. ${example.countryCallingCode === '1' ? '' : '0'}${nsn}, +${example.countryCallingCode} ${nsn}`;
        expect(read(text, country, trimmed), text).toEqual(read(text, country, full));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7_000);
  }, 30_000);
});
