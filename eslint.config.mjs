// Lint rules for the add-on, its pages, the scripts, the local Workspace and the tests, and the import boundaries between them.
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every global Apps Script declares (SpreadsheetApp, DriveApp, Utilities, …), read from its type package rather than listed by hand. */
function appsScriptGlobals() {
  const root = dirname(createRequire(import.meta.url).resolve('@types/google-apps-script/package.json'));
  const names = new Set();
  for (const entry of readdirSync(root, { recursive: true })) {
    if (!String(entry).endsWith('.d.ts')) continue;
    for (const match of readFileSync(join(root, String(entry)), 'utf8').matchAll(/^\s*declare (?:var|const|let|function) (\w+)/gm)) names.add(match[1]);
  }
  names.delete('console'); // Node and browsers have one too.
  return [...names].sort();
}

const only = (names, message) => names.map((name) => ({ name, message }));
const APPS_SCRIPT_ONLY = 'Apps Script services exist only inside Apps Script; in Node, reach them through the local Workspace (ws.globals()) or REST.';
const APPS_SCRIPT_GLOBALS = only(appsScriptGlobals(), APPS_SCRIPT_ONLY);
const NODE_GLOBALS = only(
  ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'],
  'This is Node; the add-on runs in Apps Script and its pages in the browser.',
);
const NOT_IN_APPS_SCRIPT = only(
  ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'alert', 'confirm', 'prompt', 'self',
    'fetch', 'XMLHttpRequest', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone',
    'AbortController', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'],
  'Apps Script has no browser or timer globals: use its services (UrlFetchApp, Utilities, Utilities.sleep, SpreadsheetApp.getUi()).',
);

/** Node's modules, with or without the node: prefix (fs, fs/promises, node:path, …), from Node's own list. */
const NODE_MODULES = `^(node:|(${builtinModules.filter((name) => !name.startsWith('_')).map(escape).join('|')})(/|$))`;
const climbsTo = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The add-on: bundled alone into dist/Code.js and run by Apps Script, so nothing from Node, the browser or the Node folders.
    files: ['addon/**/*.ts'],
    ignores: ['addon/ui/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: NODE_MODULES, message: 'The add-on runs in Apps Script, which has no Node modules.' },
          { regex: climbsTo(['scripts', 'workspace', 'test']), message: 'scripts/, workspace/ and test/ are Node code; the add-on is bundled without them.' },
          { regex: '^(\\./|(\\.\\./)+)ui(/|$)', message: 'addon/ui holds browser pages; the server does not import them (the pages import its types).' },
        ],
      }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...NOT_IN_APPS_SCRIPT],
    },
  },
  {
    // The pages run in the browser: the add-on's types (Server derives from main.ts) but never its code.
    files: ['addon/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '^\\.\\./(?!\\.\\./)', allowTypeImports: true, message: 'A page may import the add-on\'s types (import type), never its code: server code would run in the browser.' },
          { regex: '^\\.\\./\\.\\./', message: 'A page imports only addon/ui and the add-on\'s types.' },
          { regex: NODE_MODULES, message: 'A page runs in the browser, which has no Node modules.' },
        ],
      }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS, ...APPS_SCRIPT_GLOBALS],
    },
  },
  {
    // Node code reaches Apps Script only through the local Workspace or REST, never as globals.
    files: ['scripts/**/*.ts', 'workspace/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS] },
  },
  {
    // The commands' work talks to Google over REST; it uses the add-on's pure modules (schema, tables), not its entry or pages.
    files: ['scripts/lib/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(\\.\\./)+addon/(main|ui)(/|$)', message: 'scripts/lib uses the add-on\'s pure modules, not its entry point or pages.' },
          { regex: climbsTo(['workspace', 'test']), message: 'scripts/lib runs against real Google over REST; the local Workspace is for tests and local runs.' },
        ],
      }],
    },
  },
  {
    // The local Workspace is a library: a model of Google, not of our code.
    files: ['workspace/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ regex: climbsTo(['addon', 'scripts', 'test']), message: 'The local Workspace models Google; it does not import the add-on, the scripts or the tests.' }],
      }],
    },
  },
  {
    // Type-aware rules for the asynchronous Node code (a forgotten await there loses errors or races the build).
    files: ['scripts/**/*.ts', 'workspace/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) } },
  },
  {
    // The local Workspace quotes whatever a caller sent (unknown JSON, wrong argument types) in Google's own error
    // texts, so String(value) of a possible object is deliberate there: the rule would flag each of those messages.
    files: ['workspace/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly' } },
  },
);
