// Builds the command-line tool into one self-contained Node file: dist/cli/enum-presence.js.
import { defineConfig } from 'vite';
import { sipjsGrammarCache } from './build/sipjs-grammar-cache.ts';

export default defineConfig({
  plugins: [sipjsGrammarCache()],
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'enum-presence.js', banner: '#!/usr/bin/env node' } },
  },
  ssr: { noExternal: true, target: 'node' },
});
