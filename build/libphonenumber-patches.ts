// Modules of libphonenumber-js replaced in the build by equivalents that cost less per call (each replacement's
// header says why and cites the module it replaces). A resolve alias rather than a plugin: crxjs builds the content
// script in a build of its own that runs no project plugins but keeps the parent's `resolve` (@crxjs/vite-plugin
// createIifeConfig). The library imports these modules only by relative paths (`./ParseError.js`,
// `../es6/ParseError.js`, `./helpers/matchesEntirely.js`, …); every such import is aliased, so the class the library
// throws is the one its catch blocks and its `ParseError` export test against. No other bundled package has modules
// of these names (test/build/content-size.test.ts checks the content script carries the replacements).
import { fileURLToPath } from 'node:url';

const replacement = (file: string) => fileURLToPath(new URL(`../src/shared/libphonenumber/${file}`, import.meta.url));

export const libphonenumberPatches = [
  { find: /^(?:\.{1,2}\/)+(?:es6(?:-modern)?\/)?ParseError\.js$/, replacement: replacement('parse-error.ts') },
  { find: /^(?:\.{1,2}\/)+(?:helpers\/)?matchesEntirely\.js$/, replacement: replacement('matches-entirely.ts') },
];
