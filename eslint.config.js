// Lint: typescript-eslint with type information (floating promises are bugs in a workflow engine), and the
// determinism boundary of workflows/ (no Node built-ins, no I/O modules, no environment).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'os',
  'path',
  'worker_threads',
  'dns',
  'tls',
  'zlib',
  'stream',
  'url',
  'util',
  'events',
  'timers',
  'process',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      '.tools/**',
      '.bench/**',
      'test-results/**',
      'web/assets/**',
      'db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      // official documents use the ideographic space (U+3000) in their text
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((m) => [m, `node:${m}`]),
            'postgres',
            'drizzle-orm',
            'pg',
            '@temporalio/client',
            '@temporalio/worker',
            '@temporalio/activity',
          ].map((name) => ({ name, message: 'workflow code is deterministic: do I/O in an activity' })),
          patterns: [
            {
              group: ['**/db/*', '**/db/**', '**/api/**', '**/config/**', 'drizzle-orm/*', 'node:*'],
              message: 'workflow code is deterministic: do I/O in an activity',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'workflows do not read the environment' },
        { name: 'fetch', message: 'workflows do no I/O' },
      ],
    },
  },
);
