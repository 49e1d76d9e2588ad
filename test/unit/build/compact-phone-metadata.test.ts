// The build step that compacts the phone metadata in the content script must give back exactly the metadata.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compactMetadataLiteral } from '../../../build/compact-phone-metadata.ts';
import { metadataJson } from '../../../src/content/detect/phone-lib.ts';

const require = createRequire(import.meta.url);
const moduleText = readFileSync(require.resolve('libphonenumber-js/metadata.max.json').replace(/\.json$/, '.json.js'), 'utf8');
const metadata = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as unknown;

/** The module text as a bundler writes it: a template literal (backslash, backtick and ${ escaped). */
const asTemplateLiteral = (text: string) => '`' + text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${') + '`';

describe('compactMetadataLiteral', () => {
  it('round-trips the max metadata exactly and leaves the rest of the bundle alone', () => {
    const bundle = `var a=1;var zi=${asTemplateLiteral(moduleText)};console.log("\\\\d");`;
    const compact = compactMetadataLiteral(bundle);
    expect(compact.length).toBeLessThan(bundle.length - 15_000);
    expect(compact.startsWith('var a=1;var zi=`')).toBe(true);
    expect(compact.endsWith('`;console.log("\\\\d");')).toBe(true);
    const literal = compact.slice(compact.indexOf('`') + 1, compact.lastIndexOf('`'));
    expect(literal).not.toContain('\\'); // so the literal's value is its text
    expect(JSON.parse(metadataJson(literal))).toEqual(metadata);
  });

  it('plain module text (unit tests, no build step) still parses', () => {
    expect(JSON.parse(metadataJson(moduleText))).toEqual(metadata);
  });

  it('refuses a bundle without the literal, or metadata it cannot compact safely', () => {
    expect(() => compactMetadataLiteral('var x=1;')).toThrow(/not found/);
    expect(() => compactMetadataLiteral('`// This file is a workaround {"a":"!"}`')).toThrow(/"!"/);
  });
});
