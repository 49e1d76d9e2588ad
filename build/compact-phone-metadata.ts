// Build step: compacts libphonenumber-js's `max` metadata inside the built content script, whose gzip budget is
// 70,000 bytes (README "Tests and benchmarks", test/build/content-size.test.ts).
// src/content/detect/phone-lib.ts imports the metadata `?raw`, so the standalone content script carries it as a
// template literal. Every regexp escape in it is `\\` in JSON and four backslashes in the literal; those are the
// metadata's only backslashes (checked here), so each run of four becomes "!" (a character the metadata never
// holds, also checked) and phone-lib turns "!" back into `\\` before JSON.parse. Saves ~900 bytes gzip.
// Then the parts matching never reads are dropped (trimForMatching), and only the JSON itself is kept.
// Last, the literal moves behind all the code (metadataLiteralLast).
// crxjs builds the content script in a build of its own that runs no project plugins, so this rewrites the file
// after it is written (closeBundle).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { encodeMetadataTokens } from '../src/content/detect/metadata-tokens.ts';

const START = '`// This file is a workaround';

/** Where the metadata literal of a built content script starts and ends (its closing backtick). */
function findMetadataLiteral(bundle: string): { start: number; end: number } {
  const start = bundle.indexOf(START);
  if (start < 0) throw new Error('compact-phone-metadata: the metadata literal was not found in the content script');
  let end = start + 1;
  while (end < bundle.length && (bundle[end] !== '`' || bundle[end - 1] === '\\')) end++;
  return { start, end };
}

/** Rewrite the metadata literal of a built content script; throws when the bundle is not what it expects. */
export function compactMetadataLiteral(bundle: string): string {
  const { start, end } = findMetadataLiteral(bundle);
  const literal = bundle.slice(start, end + 1);
  const escaped = literal.replaceAll('\\\\\\\\', '!');
  if (literal.includes('!'))
    throw new Error('compact-phone-metadata: the metadata now contains "!"; pick another marker');
  if (escaped.includes('\\'))
    throw new Error('compact-phone-metadata: the metadata has backslashes other than regexp escapes');
  const json = escaped.slice(escaped.indexOf('{'), escaped.lastIndexOf('}') + 1);
  // The module's comment and `export default` go too: phone-lib reads the text from its first "{".
  const compact = '`' + encodeMetadataTokens(trimForMatching(json)) + '`';
  if (/\\|`|\$\{/.test(compact.slice(1, -1)))
    throw new Error('compact-phone-metadata: the trimmed metadata needs escaping');
  return bundle.slice(0, start) + compact + bundle.slice(end + 1);
}

/**
 * Two parts of the metadata the content script's matching never needs:
 * - each national format lists leading-digit patterns of growing detail for formatting as you type; matching,
 *   parsing and formatting a whole number read only the last (libphonenumber-js format.js chooseFormatForNumber);
 * - each number type (fixed line, mobile, …) lists its possible lengths beside its pattern, which already fixes
 *   the length; without them libphonenumber-js checks the region's possible lengths, then the same pattern.
 * test/build/compact-phone-metadata.test.ts compares matching, validity and formatting with the full metadata (~2 KB gzip saved).
 */
export function trimForMatching(json: string): string {
  const metadata = JSON.parse(json) as {
    countries: Record<string, unknown[]>;
    nonGeographic?: Record<string, unknown[]>;
  };
  for (const plan of [...Object.values(metadata.countries), ...Object.values(metadata.nonGeographic ?? {})]) {
    if (Array.isArray(plan[4])) {
      for (const format of plan[4] as unknown[][]) {
        const leading = format[2];
        if (Array.isArray(leading) && leading.length > 1) format[2] = [leading[leading.length - 1]];
      }
    }
    if (Array.isArray(plan[11]))
      for (const type of plan[11] as unknown[]) if (Array.isArray(type) && type.length > 1) type.length = 1;
  }
  return JSON.stringify(metadata);
}

/** The end of the content script as the build writes it: one IIFE. */
const IIFE_END = '})();';
const METADATA_FUNCTION = 'enumPresencePhoneMetadata';

/**
 * Moves the metadata literal behind all the code, into a function declaration at the end of the IIFE that the
 * literal's old place calls. gzip -9 finds repeats only within the last 32 KB, and the literal (~87 KB) in the
 * middle of the script kept the code after it from the code before it: ~870 B gzip -9 less. A function
 * declaration is hoisted, so the string is there exactly when it was before, on every path.
 */
export function metadataLiteralLast(bundle: string): string {
  const { start, end } = findMetadataLiteral(bundle);
  const close = bundle.lastIndexOf(IIFE_END);
  if (close < 0 || bundle.slice(close + IIFE_END.length).trim() !== '')
    throw new Error('compact-phone-metadata: the content script does not end as one IIFE');
  if (bundle.includes(METADATA_FUNCTION))
    throw new Error(`compact-phone-metadata: the content script already names ${METADATA_FUNCTION}`);
  const literal = bundle.slice(start, end + 1);
  return (
    bundle.slice(0, start) +
    `${METADATA_FUNCTION}()` +
    bundle.slice(end + 1, close) +
    `;function ${METADATA_FUNCTION}(){return${literal}}` +
    bundle.slice(close)
  );
}

export function compactPhoneMetadata(): Plugin {
  let outDir = '';
  return {
    name: 'enum-presence:compact-phone-metadata',
    apply: 'build',
    enforce: 'post',
    // The build's own output folder (vite.config.ts, or --outDir: test/build/content-size.test.ts builds elsewhere).
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const file = join(outDir, 'src/content/index.js');
      if (!existsSync(file)) this.error(`compact-phone-metadata: ${file} was not built`);
      writeFileSync(file, compactMetadataLiteral(metadataLiteralLast(readFileSync(file, 'utf8'))));
    },
  };
}
