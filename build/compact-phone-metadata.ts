// Build step: compacts libphonenumber-js's `max` metadata inside the built content script (issue 3: ≤ 70 KB gzip).
// src/content/detect/phone-lib.ts imports the metadata `?raw`, so the standalone content script carries it as a
// template literal. Every regexp escape in it is `\\` in JSON and four backslashes in the literal; those are the
// metadata's only backslashes (checked here), so each run of four becomes "!" (a character the metadata never
// holds, also checked) and phone-lib turns "!" back into `\\` before JSON.parse. Saves ~900 bytes gzip.
// crxjs builds the content script in a build of its own that runs no project plugins, so this rewrites the file
// after it is written (closeBundle).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const START = '`// This file is a workaround';

/** Rewrite the metadata literal of a built content script; throws when the bundle is not what it expects. */
export function compactMetadataLiteral(bundle: string): string {
  const start = bundle.indexOf(START);
  if (start < 0) throw new Error('compact-phone-metadata: the metadata literal was not found in the content script');
  let end = start + 1;
  while (end < bundle.length && (bundle[end] !== '`' || bundle[end - 1] === '\\')) end++;
  const literal = bundle.slice(start, end + 1);
  const compact = literal.replaceAll('\\\\\\\\', '!');
  if (literal.includes('!')) throw new Error('compact-phone-metadata: the metadata now contains "!"; pick another marker');
  if (compact.includes('\\')) throw new Error('compact-phone-metadata: the metadata has backslashes other than regexp escapes');
  return bundle.slice(0, start) + compact + bundle.slice(end + 1);
}

export function compactPhoneMetadata(outDir: string): Plugin {
  return {
    name: 'enum-presence:compact-phone-metadata',
    apply: 'build',
    enforce: 'post',
    closeBundle() {
      const file = join(outDir, 'src/content/index.js');
      if (!existsSync(file)) this.error(`compact-phone-metadata: ${file} was not built`);
      writeFileSync(file, compactMetadataLiteral(readFileSync(file, 'utf8')));
    },
  };
}
