import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ioPackages = [
  '@nestjs/*',
  'typeorm',
  'mysql2',
  'mysql2/*',
  'better-sqlite3',
  'nodemailer',
  'smtp-server',
];
const temporalOutsideWorkflow = [
  '@temporalio/worker',
  '@temporalio/client',
  '@temporalio/activity',
  '@temporalio/testing',
];

const pureTags = ['type:domain', 'type:contract', 'type:util'];
// type:parser reads documents (.docx through mammoth): never in a workflow or the domain.
const libraryTags = [...pureTags, 'type:parser', 'type:infra', 'type:data-access'];

/** Test helpers: only tests, test kits (`testing/` folders) and benches may import them. */
const testingCode = {
  // @duban/testing, or a relative path into a testing/ folder (not @temporalio/testing).
  regex: '^(@duban/testing|(\\.{1,2}/)+([^@]*/)?testing(/.*)?)$',
  message: 'production code must not import testing code',
};
const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**'];

export default [
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      'data',
      '.nx',
      '**/lint-fixtures/**',
      '**/jest.config.js',
      '**/*.js',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      // Dropping fields by destructuring ({ secret, ...rest }) is how a view leaves them out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          depConstraints: [
            {
              sourceTag: 'type:workflow',
              onlyDependOnLibsWithTags: ['type:contract', 'type:domain'],
              bannedExternalImports: [...ioPackages, ...temporalOutsideWorkflow, ...nodeBuiltins],
            },
            {
              // Messages between API, worker and workflows speak the domain's vocabulary.
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:contract', 'type:domain'],
              allowedExternalImports: ['@temporalio/workflow', '@temporalio/common'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: [...ioPackages, '@temporalio/*', ...nodeBuiltins],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
            { sourceTag: 'type:parser', onlyDependOnLibsWithTags: pureTags },
            // type:testing for the integration tests that live next to the code.
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: [...pureTags, 'type:parser', 'type:testing'],
            },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: pureTags },
            // Wiring of libraries for an app (the worker's activities and bundle), shared with benches;
            // type:testing for its integration tests.
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [...libraryTags, 'type:testing'],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: libraryTags },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [...libraryTags, 'type:feature', 'type:testing'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                ...libraryTags,
                'type:feature',
                'type:testing',
                'type:app',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'workflows/**/*.ts'],
    ignores: [...testFiles, 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testingCode] }] },
  },
  {
    // Pure code: no Node built-ins either (the Temporal sandbox has none, the domain needs none).
    // Tests and their fixtures may read files.
    files: [
      'workflows/**/*.ts',
      'libs/domain/**/*.ts',
      'libs/contracts/**/*.ts',
      'libs/plan-parser/**/*.ts',
      'libs/notifications/**/*.ts',
    ],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'pure code must not use Node built-ins',
          })),
          patterns: [
            {
              group: [...ioPackages, ...temporalOutsideWorkflow],
              message: 'pure code must not do I/O',
            },
            testingCode,
          ],
        },
      ],
    },
  },
  { files: ['apps/cli/**/*.ts'], rules: { 'no-console': 'off' } },
  {
    // Fixtures that prove the boundary rules fire; linted only by their test (they are ignored
    // above), and outside every tsconfig, so without type information.
    files: ['**/lint-fixtures/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  prettier,
];
