// The build step that compacts the phone metadata in the content script must give back exactly the metadata.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compactMetadataLiteral, lastLeadingDigitsOnly } from '../../../build/compact-phone-metadata.ts';
import { findPhoneNumbersInText, getCountries, getExampleNumber, type CountryCode, type Examples, type MetadataJson } from 'libphonenumber-js/core';
import { metadataJson } from '../../../src/content/detect/phone-lib.ts';

const require = createRequire(import.meta.url);
const moduleText = readFileSync(require.resolve('libphonenumber-js/metadata.max.json').replace(/\.json$/, '.json.js'), 'utf8');
const metadata = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as unknown;

/** The module text as a bundler writes it: a template literal (backslash, backtick and ${ escaped). */
const asTemplateLiteral = (text: string) => '`' + text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${') + '`';

describe('compactMetadataLiteral', () => {
  it('round-trips the max metadata (each format with its last leading-digits pattern) and leaves the rest of the bundle alone', () => {
    const bundle = `var a=1;var zi=${asTemplateLiteral(moduleText)};console.log("\\\\d");`;
    const compact = compactMetadataLiteral(bundle);
    expect(compact.length).toBeLessThan(bundle.length - 15_000);
    expect(compact.startsWith('var a=1;var zi=`')).toBe(true);
    expect(compact.endsWith('`;console.log("\\\\d");')).toBe(true);
    const literal = compact.slice(compact.indexOf('`') + 1, compact.lastIndexOf('`'));
    expect(literal).not.toContain('\\'); // so the literal's value is its text
    expect(JSON.parse(metadataJson(literal))).toEqual(JSON.parse(lastLeadingDigitsOnly(JSON.stringify(metadata))));
  });

  it('plain module text (unit tests, no build step) still parses', () => {
    expect(JSON.parse(metadataJson(moduleText))).toEqual(metadata);
  });

  it('refuses a bundle without the literal, or metadata it cannot compact safely', () => {
    expect(() => compactMetadataLiteral('var x=1;')).toThrow(/not found/);
    expect(() => compactMetadataLiteral('`// This file is a workaround {"a":"!"}`')).toThrow(/"!"/);
  });
});

describe('lastLeadingDigitsOnly', () => {
  const full = metadata as MetadataJson;
  const trimmed = JSON.parse(lastLeadingDigitsOnly(JSON.stringify(metadata))) as MetadataJson;
  const examples = JSON.parse(readFileSync(require.resolve('libphonenumber-js/examples.mobile.json'), 'utf8')) as Examples;

  it('drops patterns (the metadata shrinks)', () => {
    expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(full).length - 5_000);
  });

  it("finds, validates and formats every region's example numbers exactly as the full metadata does", () => {
    let checked = 0;
    for (const country of getCountries(full)) {
      const example = getExampleNumber(country, examples, full);
      if (!example) continue;
      const national = example.formatNational();
      const read = (m: MetadataJson) =>
        findPhoneNumbersInText(`Tel. ${national}, ${example.formatInternational()}`, { defaultCountry: country as CountryCode }, m).map((f) => [f.startsAt, f.endsAt, f.number.number, f.number.formatNational(), f.number.isValid()]);
      expect(read(trimmed)).toEqual(read(full));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});
