// ESLint flat config. The import boundaries of DESIGN.md are enforced here:
// shared/ imports no runtime; renderer/ imports only shared/ and itself; only
// electron/main/ imports 'electron'; server/ imports shared/ and itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'stream', 'events', 'util', 'worker_threads'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.kiot/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
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
          ],
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
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [pattern(['**/renderer/**', '**/server/**'], 'main composes core; it does not import the renderer or the hub.')] }] },
  },
  {
    files: ['scripts/**', 'dev/**', 'tests/**'],
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
);
