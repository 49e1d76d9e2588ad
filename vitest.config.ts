// Three test projects: unit (pure, fast), integration (against the loopback DNS world) and e2e (built
// extension in real browsers against the same world). `npm test` runs all three.
import { defineConfig } from 'vitest/config';

/** The hover card's stylesheet arrives as its text (`?inline`), as in the build; Vitest gives other CSS as "". */
const css = { include: [/src\/content\/card\/card\.css/] };

export default defineConfig({
  test: {
    projects: [
      // Unit tests sit next to their code; test/build checks the build steps, test/views compares the views of
      // two contexts side by side (no context may import another, so it cannot sit in either), test/i18n checks the
      // locales against the code.
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/build/**/*.test.ts', 'test/views/**/*.test.ts', 'test/i18n/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/i18n/setup.ts'],
          css,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/world/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/world/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          css,
        },
      },
    ],
  },
});
