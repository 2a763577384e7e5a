import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import type { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');
const boundaryRules = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];

/**
 * Lints a fixture with the workspace's ESLint config, through the same CLI that `npm test` runs,
 * and returns the boundary findings by line.
 */
function boundaryFindings(fixture: string): Map<number, string[]> {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/eslint/bin/eslint.js'),
      '--no-ignore',
      '--format',
      'json',
      fixture,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as ESLint.LintResult[];
  const findings = new Map<number, string[]>();
  for (const message of result?.messages ?? []) {
    if (message.fatal) throw new Error(`${fixture}: ${message.message}`);
    if (message.ruleId && boundaryRules.includes(message.ruleId)) {
      findings.set(message.line, [...(findings.get(message.line) ?? []), message.ruleId]);
    }
  }
  return findings;
}

describe('module boundaries', () => {
  beforeAll(async () => {
    // The Nx rule reads the cached project graph; make sure there is one.
    await createProjectGraphAsync({ exitOnError: true });
  }, 120_000);

  it('reject typeorm, @nestjs/common and node:fs in workflows/', () => {
    const findings = boundaryFindings('workflows/lint-fixtures/imports-io.ts');
    expect([...findings.keys()].sort()).toEqual([2, 3, 4]);
  });

  it('reject nodemailer, @nestjs/common, fs and app-level libraries in libs/domain', () => {
    const findings = boundaryFindings('libs/domain/lint-fixtures/imports-io.ts');
    expect([...findings.keys()].sort()).toEqual([2, 3, 4, 5]);
  });

  it('reject node:fs and typeorm in libs/plan-parser', () => {
    const findings = boundaryFindings('libs/plan-parser/lint-fixtures/imports-io.ts');
    expect([...findings.keys()].sort()).toEqual([2, 3]);
  });

  it('reject the plan reader (it opens .docx files) in workflows/', () => {
    const findings = boundaryFindings('workflows/lint-fixtures/imports-parser.ts');
    expect([...findings.keys()]).toEqual([2]);
  });

  it('reject test helpers in production code, by package or by path, but not @temporalio/testing', () => {
    const findings = boundaryFindings('libs/persistence/lint-fixtures/imports-testing.ts');
    expect([...findings.keys()].sort()).toEqual([2, 3]);
  });

  it('allow @temporalio/workflow, contracts and domain in workflows/', () => {
    expect(boundaryFindings('workflows/lint-fixtures/allowed.ts').size).toBe(0);
  });
});
