// Shared Jest configuration: every project builds its config through `jestProject`.
const path = require('node:path');

// Set before Jest starts its workers, which inherit it. Tests about Asia/Shanghai say so themselves.
process.env.TZ = 'UTC';
const { compilerOptions } = require('./tsconfig.base.json');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
    // swc rewrites the @duban/* aliases itself, so they resolve in global setup files too.
    baseUrl: __dirname,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const integrationHooks = {
  globalSetup: path.join(__dirname, 'libs/testing/src/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'libs/testing/src/global-teardown.ts'),
};

/** Long enough for a test that spawns processes or waits on real servers on a busy machine. */
const SLOW_TEST_TIMEOUT_MS = 120_000;

/**
 * @param {string} projectDir absolute path of the project
 * @param {{ integration?: boolean, spawnsProcesses?: boolean }} options integration projects get a
 *   fresh MariaDB database and a Temporal dev server for the run; both kinds get a long timeout
 */
function jestProject(projectDir, { integration = false, spawnsProcesses = false } = {}) {
  return {
    displayName: path.relative(__dirname, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    testMatch: [
      '<rootDir>/**/*.spec.ts',
      '<rootDir>/**/*.int-spec.ts',
      '<rootDir>/**/*.e2e-spec.ts',
    ],
    ...(integration ? integrationHooks : {}),
    ...(integration || spawnsProcesses ? { testTimeout: SLOW_TEST_TIMEOUT_MS } : {}),
  };
}

module.exports = { jestProject, swcOptions };
