// ESLint flat config (ESLint 9). `npm run lint` is a gate: it fails on any error or warning.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    // Generated from openapi/v1.json (npm run api:generate).
    'src/api/schema.ts',
    // Screenshots and traces of failed browser runs.
    'e2e/artifacts/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // The application and its tests.
    files: ['src/**/*.{ts,tsx}', 'vite.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
    },
    rules: {
      // `const { [id]: _dropped, ...rest } = x` drops a key; `_` marks what is deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Node scripts: the browser end-to-end suites (e2e/*.mjs), scripts/*.mjs and this file. Plain JavaScript rules;
    // the e2e suites pass callbacks to page.evaluate() that run in the browser, hence the browser globals too.
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
  },
]);
