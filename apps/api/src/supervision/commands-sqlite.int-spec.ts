import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { AuditRepository, type StoredPlan, type StoredPlanItem } from '@duban/persistence';
import { SAMPLE_PLAN, startTestApi, type TestApi } from '../testing/test-api';
import { createTestNamespace, startTestWorker, type TestWorker } from '../testing/test-worker';

/**
 * Another process writing to the database file the way the worker does: short write
 * transactions, one after the other, each holding the write lock for a few milliseconds.
 */
const OTHER_WRITER = `
  const db = new (require(process.env.DRIVER))(process.env.FILE, { timeout: 5000 });
  db.exec('CREATE TABLE IF NOT EXISTS other_writer (n INTEGER)');
  const insert = db.prepare('INSERT INTO other_writer (n) VALUES (?)');
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  process.stdout.write('writing\\n');
  for (let n = 0; ; n += 1) {
    db.exec('BEGIN IMMEDIATE');
    insert.run(n);
    pause(8);
    db.exec('COMMIT');
    pause(2);
  }
`;

function startOtherWriter(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', OTHER_WRITER], {
    env: { ...process.env, FILE: file, DRIVER: require.resolve('better-sqlite3') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', () => resolve(child));
  });
}

/** A year still ahead: confirming raises no catch-up. */
const YEAR = 2027;

/**
 * Commands on the embedded default (SQLite), as `npm start` runs it: another process writes to
 * the same file all the while (the worker recording deliveries), and every command still answers
 * 2xx or 4xx, never 500, and is in the audit trail.
 */
describe('commands on the embedded SQLite database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-sqlite-commands-'));
  const file = path.join(dir, 'duban.sqlite');
  let api: TestApi;
  let worker: TestWorker;
  let token: string;

  const items = (plan: StoredPlan) => plan.sections.flatMap((s) => s.items);
  const command = (plan: StoredPlan, item: StoredPlanItem, body: Record<string, unknown>) =>
    api.call('POST', `/plans/${plan.id}/items/${item.id}/commands`, { body, token });
  const audited = (action: string, outcome: 'ok' | 'refused') =>
    api.app
      .get(AuditRepository)
      .list({ limit: 10_000, action, outcome })
      .then((records) => records.length);

  async function confirmed(year: number): Promise<StoredPlan> {
    const text = fs.readFileSync(SAMPLE_PLAN, 'utf8');
    const plan = (
      await api.call<StoredPlan>('POST', '/plans/import', { body: { text, year }, token })
    ).body;
    expect((await api.call('POST', `/plans/${plan.id}/confirm`, { token })).status).toBe(200);
    return plan;
  }

  beforeAll(async () => {
    const namespace = await createTestNamespace();
    api = await startTestApi('duban_commands_sqlite', {
      TEMPORAL_NAMESPACE: namespace,
      DATABASE_URL: `sqlite:${file}`,
    });
    worker = await startTestWorker(api);
    token = await api.tokenOf(api.person('supervisor').username);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a command sent right after confirm: it waits for the item to start', async () => {
    const plan = await confirmed(YEAR + 1);
    const [first] = items(plan).filter((i) => i.responsibility.leadUnitId !== null);
    if (!first) throw new Error('no assigned item');
    const answer = await command(plan, first, {
      type: 'assign',
      ...first.responsibility,
      responsibleId: null,
    });
    expect(answer.status).toBe(200);
  });

  it('answers 20 commands sent at once with 2xx or 4xx while another process writes, and audits every one', async () => {
    const plan = await confirmed(YEAR);
    const assigned = items(plan).filter((i) => i.responsibility.leadUnitId !== null);
    expect(assigned.length).toBeGreaterThanOrEqual(20);
    const other = await startOtherWriter(file);
    const before = {
      ok: await audited('item.assign', 'ok'),
      refused: await audited('item.submitProgress', 'refused'),
    };
    try {
      const answers = await Promise.all(
        assigned.slice(0, 20).map((item, i) =>
          i % 2 === 0
            ? command(plan, item, { type: 'assign', ...item.responsibility, responsibleId: null })
            : // Refused for its input: a target's progress must be a number.
              command(plan, item, {
                type: 'submitProgress',
                milestoneKey: 'final',
                text: '已完成',
                progress: [{ target: 0, value: '很多' }],
                evidence: [],
              }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    } finally {
      other.kill();
    }
    expect(await audited('item.assign', 'ok')).toBe(before.ok + 10);
    expect(await audited('item.submitProgress', 'refused')).toBe(before.refused + 10);
  });
});
