// Builds the extension for one browser: dist/chrome (default) or dist/firefox (TARGET=firefox).
import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest, { target } from './manifest.config.ts';
import { compactPhoneMetadata } from './build/compact-phone-metadata.ts';
import { sipjsGrammarCache } from './build/sipjs-grammar-cache.ts';
import { libphonenumberPatches } from './build/libphonenumber-patches.ts';

export default defineConfig({
  plugins: [
    compactPhoneMetadata(),
    sipjsGrammarCache(),
    crx({
      manifest,
      browser: target,
      // A standalone content script needs no web_accessible_resources, so pages cannot probe
      // chrome-extension://<id>/assets/… to learn the extension is installed.
      contentScripts: { standaloneFiles: ['src/content/index.ts'] },
    }),
  ],
  resolve: { alias: libphonenumberPatches },
  build: { outDir: `dist/${target}`, emptyOutDir: true, target: 'es2022', sourcemap: false },
});
