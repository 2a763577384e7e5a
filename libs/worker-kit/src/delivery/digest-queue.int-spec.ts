import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readSinkMessages, startSmtpSink, type SmtpSink } from '@duban/devstack';
import {
  DEFAULT_ESCALATION_POLICY,
  pendingMilestone,
  type Milestone,
  type WorkItemState,
} from '@duban/domain';
import type { PersonView } from '@duban/persistence';
import { createDigestQueue } from './digest-queue';
import type { NotificationDeps } from './notification-deps';
import { deliverBatch } from './outbox-sender';
import { deliveryDeps, emailRow, openDeliveryDatabase } from './testing/delivery-fixture';

const DAY = 86_400_000;
/** Monday 2 December 2024, 08:30 in China: a working morning. */
const MONDAY_MORNING = '2024-12-02T00:30:00.000Z';
const at = (days: number) => new Date(Date.parse(MONDAY_MORNING) + days * DAY).toISOString();

describe('daily digest (MariaDB, SMTP sink on loopback)', () => {
  let dataSource: DataSource;
  let sink: SmtpSink;
  let mailDir: string;
  let deps: NotificationDeps;
  let staff: PersonView;
  let unitId: string;

  beforeAll(async () => {
    const db = await openDeliveryDatabase();
    dataSource = db.dataSource;
    unitId = db.unitId('养老服务科');
    const found = db.people.find((p) => p.unitId === unitId && p.roles.includes('staff'));
    if (!found) throw new Error('no staff member in 养老服务科');
    staff = found;
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-digest-'));
    sink = await startSmtpSink({ port: 0, mailDir });
    deps = deliveryDeps(dataSource, sink.port);
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM notification_outbox');
    await dataSource.query('DELETE FROM work_item_state');
  });

  afterAll(async () => {
    deps?.mail.close();
    await sink?.stop();
    await dataSource?.destroy();
  });

  /** An item the staff member is responsible for, its milestones due at the given days. */
  async function project(title: string, milestones: Milestone[]): Promise<void> {
    const state: WorkItemState = {
      planId: randomUUID(),
      itemId: randomUUID(),
      itemNo: 12,
      title,
      targetQuantities: [],
      status: 'in_progress',
      responsibility: {
        leadUnitId: unitId,
        coUnitIds: [],
        leaderId: null,
        responsibleId: staff.id,
      },
      milestones,
      startedAt: at(-90),
      policy: DEFAULT_ESCALATION_POLICY,
      policySince: null,
    };
    // The light turns yellow a week ahead, as the default policy's window does.
    const warningFrom = Object.fromEntries(
      milestones.map((m) => [m.key, new Date(Date.parse(m.dueAt) - 7 * DAY).toISOString()]),
    );
    await deps.supervision.project(
      { workflowId: `item/${state.planId}/12`, seq: 1, state, event: null, warningFrom },
      new Date(),
    );
  }

  const milestone = (key: string, title: string, dueInDays: number) =>
    pendingMilestone(key, title, at(dueInDays));

  it('sends a person with 3 due and 2 overdue milestones one message listing all five', async () => {
    await project('完成适老化改造500户', [
      milestone('m1', '入户评估完成', 2),
      milestone('m2', '施工单位确定', 5),
      milestone('m3', '改造过半', -3),
    ]);
    await project('新增村级养老服务站不少于5个', [
      milestone('m4', '选址确定', 1),
      milestone('m5', '站点挂牌', -10),
      { ...milestone('m6', '已审核的里程碑', 1), status: 'approved' },
      milestone('m7', '远期里程碑', 200),
    ]);

    expect(await createDigestQueue(deps)(MONDAY_MORNING)).toBeGreaterThanOrEqual(1);
    while ((await deliverBatch(deps, 50)) > 0);

    const mine = (await readSinkMessages(mailDir, 100)).filter((m) => m.to.includes(staff.email));
    expect(mine).toHaveLength(1);
    const [digest] = mine;
    for (const title of ['入户评估完成', '施工单位确定', '改造过半', '选址确定', '站点挂牌']) {
      expect(digest?.text).toContain(title);
      expect(digest?.html).toContain(title);
    }
    expect(digest?.text).not.toContain('已审核的里程碑');
    expect(digest?.text).not.toContain('远期里程碑');
    // Overdue first.
    expect(digest?.text.indexOf('站点挂牌')).toBeLessThan(
      digest?.text.indexOf('入户评估完成') ?? 0,
    );
  });

  it('queues each digest once however often the morning run is repeated', async () => {
    await project('完成适老化改造500户', [milestone('m1', '入户评估完成', 2)]);
    const queue = createDigestQueue(deps);
    const first = await queue(MONDAY_MORNING);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await queue(MONDAY_MORNING)).toBe(0);
  });

  it('sends no digest on a weekend or statutory holiday morning', async () => {
    await project('完成适老化改造500户', [milestone('m1', '入户评估完成', 2)]);
    const queue = createDigestQueue(deps);
    expect(await queue(at(-2))).toBe(0); // Saturday 30 November 2024
    expect(await queue('2024-10-01T00:30:00.000Z')).toBe(0); // National Day
  });

  it('folds the notices held for a digest-only person into their digest', async () => {
    const held = emailRow(staff, { kind: 'reminder', held: true, dueAt: MONDAY_MORNING });
    await deps.notifications.enqueue([held], new Date());
    expect(await createDigestQueue(deps)(MONDAY_MORNING)).toBe(1);
    const rows = await deps.notifications.list({ recipientId: staff.id });
    const digest = rows.find((r) => r.kind === 'digest');
    expect(rows.find((r) => r.idempotencyKey === held.key)).toMatchObject({
      status: 'digested',
      digestId: digest?.id,
    });
    expect((digest?.payload as { notices: string[] }).notices).toHaveLength(1);
  });
});
