// Shared Jest configuration: every project builds its config through `jestProject`.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    path.join(__dirname, target),
  ]),
);

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const integrationHooks = {
  globalSetup: path.join(__dirname, 'libs/testing/global-setup.js'),
  globalTeardown: path.join(__dirname, 'libs/testing/global-teardown.js'),
};

/**
 * @param {string} projectDir absolute path of the project
 * @param {{ integration?: boolean }} options integration projects get a fresh MariaDB database
 *   and a Temporal dev server for the run
 */
function jestProject(projectDir, { integration = false } = {}) {
  return {
    displayName: path.relative(__dirname, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper,
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    ...(integration ? { ...integrationHooks, testTimeout: 120_000 } : {}),
  };
}

module.exports = { jestProject, swcOptions };
