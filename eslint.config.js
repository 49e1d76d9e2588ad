// Lint: TypeScript rules plus the layering of the code base (README "How it is built"), enforced as Dark Reader does.
//   core/      pure: imports nothing else from src/, touches no DOM, browser.* or fetch of its own
//   shared/    may import core/ only
//   ui/        page rendering shared by popup/ and options/: core/, shared/, platform/
//   platform/  the only folder that imports webextension-polyfill
//   contexts   background/, content/, popup/, options/ never import each other
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const contexts = ['background', 'content', 'popup', 'options'];
const noHtmlFromStrings = [
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Build DOM with createElement/textContent: page text and DNS data are untrusted.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'Build DOM with createElement/textContent: page text and DNS data are untrusted.',
  },
  {
    selector: "CallExpression[callee.property.name='write'][callee.object.name='document']",
    message: 'document.write is never needed.',
  },
];
const polyfillOnlyInPlatform = {
  name: 'webextension-polyfill',
  message: 'Only src/platform/ imports webextension-polyfill.',
};

const layer = (files, forbidden, extra = {}, paths = [polyfillOnlyInPlatform]) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths,
        patterns: forbidden.map((dir) => ({
          group: [`**/${dir}/*`, `**/${dir}`],
          message: `This layer must not import src/${dir}/.`,
        })),
      },
    ],
    ...extra,
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.world/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', ...noHtmlFromStrings],
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['src/core/**'], ['shared', 'platform', 'ui', 'cli', ...contexts], {
    'no-restricted-globals': [
      'error',
      ...[
        'document',
        'window',
        'navigator',
        'browser',
        'chrome',
        'fetch',
        'WebSocket',
        'localStorage',
        'location',
        'Buffer',
      ].map((name) => ({
        name,
        message: 'src/core is pure: transport, storage and clock are passed in.',
      })),
    ],
  }),
  layer(['src/shared/**'], ['platform', 'ui', 'cli', ...contexts]),
  // ui/: rendering shared by the extension pages (popup, options); it may use platform/ but no context.
  layer(['src/ui/**'], ['cli', ...contexts]),
  layer(['src/cli/**'], ['shared', 'platform', ...contexts]),
  layer(['src/platform/**'], ['cli', ...contexts], {}, []),
  ...contexts.map((ctx) => layer([`src/${ctx}/**`], ['cli', ...contexts.filter((c) => c !== ctx)])),
);
