import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundlerOptions, workflowsPath } from '@duban/worker-kit';

/**
 * Every history recorded from a released workflow must replay on today's workflow code: a change
 * to a workflow's commands that is not behind `patched()` fails here, not in production.
 * Record one with `temporal workflow show -w <id> --namespace duban -o json > test/histories/<name>.json`.
 */
const historiesDir = path.resolve(__dirname, '../../../test/histories');
const changedWorkflowsPath = path.resolve(
  __dirname,
  '../../../workflows/src/testing/changed-workflows.ts',
);
const histories = fs
  .readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    workflowId: file,
    history: JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')) as unknown,
  }));

describe('recorded workflow histories', () => {
  beforeAll(() => Runtime.install({ logger: new DefaultLogger('ERROR') }));

  it('include every released workflow', () => {
    expect(histories.map((h) => h.workflowId)).toEqual(
      expect.arrayContaining([
        'diagnostic-workflow.v1.json',
        'plan-workflow.v1.json',
        'work-item-workflow.v1.json',
        // Since the catch-up, ladder-guard and assign-notice patches.
        'work-item-workflow.v2.json',
        // Commands under the command-bounds, complete-notice and assign-notice patches.
        'work-item-workflow.v3.json',
        'notification-dispatcher-workflow.v1.json',
        'daily-digest-workflow.v1.json',
      ]),
    );
  });

  it('replay deterministically on the current workflow code', async () => {
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath, bundlerOptions },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('fail when a workflow changes its commands without patched()', async () => {
    const workItem = histories.find((h) => h.workflowId === 'work-item-workflow.v1.json');
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: changedWorkflowsPath, bundlerOptions },
        workItem?.history,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  }, 60_000);
});
