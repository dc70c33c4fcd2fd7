// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * The layering of DESIGN.md section 2, enforced: a breach is a failed build.
 * - app/shared: pure; only zod and other shared files.
 * - app/renderer: no Node built-ins, no native modules, no electron, no app/main, no app/house.
 * - only app/main/electron imports electron.
 * - nothing imports the renderer except the renderer.
 * - app/main and app/house never import each other, tests included.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeAndServer = ['better-sqlite3', '@node-rs/argon2', '@electric-sql/pglite', 'pg', 'fastify', 'pino', 'ws'];
const ui = ['react', 'react-dom', 'react-dom/*', 'react-redux', '@reduxjs/toolkit', 'ag-grid-community', 'ag-grid-react', 'i18next', 'react-i18next'];

const electronBan = { name: 'electron', message: 'Only app/main/electron may import electron.' };
const rendererBan = { group: ['**/renderer/**', '**/renderer'], message: 'Nothing outside the renderer imports the renderer.' };
const cliBan = { group: ['**/cli/**'], message: 'Nothing but the CLI imports the CLI.' };
// Tests and test support included: what both halves' tests share lives in app/shared (pure) or in
// the top-level test-support/ folder, which (like app/cli, e2e/ and bench/) may reach both.
const houseBan = { group: ['**/house/**'], message: 'app/main never imports app/house (share through app/shared, or test-support/ for tests).' };
const mainBan = { group: ['**/main/**'], message: 'app/house never imports app/main (share through app/shared, or test-support/ for tests).' };

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.hankou/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [rendererBan] }],
    },
  },
  {
    files: ['app/shared/**/*.ts'],
    ignores: ['app/shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'app/shared is pure: no Node built-ins.' })),
            ...[...nativeAndServer, ...ui].map((name) => ({ name, message: 'app/shared is pure: zod only.' })),
            electronBan,
          ],
          patterns: [
            { group: ['**/main/**', '**/house/**', '**/cli/**', '**/renderer/**'], message: 'app/shared imports only app/shared.' },
            { group: ['node:*'], message: 'app/shared is pure: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname', 'fetch'].map((name) => ({
          name,
          message: 'app/shared is pure: no DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['app/shared/clearing/**/*.ts'],
    ignores: ['app/shared/clearing/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine is deterministic: time comes in with the command.' },
        { object: 'Math', property: 'random', message: 'The engine is deterministic: no randomness.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'The engine is deterministic: time comes in with the command (no new Date()).' },
      ],
    },
  },
  {
    files: ['app/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node built-ins.' })),
            ...nativeAndServer.map((name) => ({ name, message: 'The renderer reaches the back end only through the contract.' })),
            electronBan,
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' },
            { group: ['**/main/**', '**/house/**', '**/cli/**'], message: 'The renderer reaches the back end only through the contract (app/shared/contract).' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererBan, houseBan] }] },
  },
  {
    files: ['app/main/**/*.ts'],
    ignores: ['app/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [rendererBan, cliBan, houseBan] }] },
  },
  {
    files: ['app/house/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [rendererBan, cliBan, mainBan] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
