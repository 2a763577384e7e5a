import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkItemInput } from '@duban/contracts';
import {
  DEFAULT_ESCALATION_POLICY,
  WEEKDAYS_ONLY,
  pendingMilestone,
  type EscalationPolicy,
  type WorkItemResponsibility,
} from '@duban/domain';
import type { PersonView } from '@duban/persistence';

/** Seconds instead of working days: reminders 6 s and 3 s before, escalations 0, 2 and 4 s after. */
export const SECONDS_POLICY: EscalationPolicy = {
  ...DEFAULT_ESCALATION_POLICY,
  reminders: [{ before: { duration: 'PT6S' } }, { before: { duration: 'PT3S' } }],
  escalations: DEFAULT_ESCALATION_POLICY.escalations.map((rule, i) => ({
    ...rule,
    after: { duration: `PT${i * 2}S` },
  })),
  warningWindow: { duration: 'PT6S' },
};

/** Every step of SECONDS_POLICY's ladder, in firing order. */
export const LADDER = [
  'reminder0@v1',
  'reminder1@v1',
  'escalation0@v1',
  'escalation1@v1',
  'escalation2@v1',
];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `RECORD_HISTORIES=1` writes the histories of these runs to test/histories/, where the replay
 * test keeps today's workflow code honest against them. Record once per released version.
 */
export async function record(client: Client, workflowId: string, file: string): Promise<void> {
  if (!process.env['RECORD_HISTORIES']) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const target = path.resolve(__dirname, '../../../../test/histories', file);
  fs.writeFileSync(target, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
}

/** Polls until the check holds or the time is up; says which. */
export async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(200);
  }
  return false;
}

/** Item 10 of a fresh plan, assigned, with one milestone due `dueInMs` from now. */
export function workItemInput(
  responsibility: Pick<WorkItemResponsibility, 'leadUnitId' | 'responsibleId'>,
  dueInMs: number,
  policy: EscalationPolicy = SECONDS_POLICY,
  historyLimit?: number,
): WorkItemInput {
  return {
    calendar: WEEKDAYS_ONLY,
    historyLimit,
    state: {
      planId: randomUUID(),
      itemId: randomUUID(),
      itemNo: 10,
      title: '完成适老化改造500户',
      targetQuantities: [500],
      status: 'assigned',
      responsibility: { ...responsibility, coUnitIds: [], leaderId: null },
      milestones: [pendingMilestone('final', '完成', new Date(Date.now() + dueInMs).toISOString())],
      startedAt: new Date().toISOString(),
      policy,
      policySince: null,
    },
  };
}

/** The first sample person holding the role (in the named unit, if given). */
export function personIn(
  org: { readonly people: readonly PersonView[]; unitId(name: string): string },
  role: string,
  unitName?: string,
): PersonView {
  const found = org.people.find(
    (p) => p.roles.includes(role as never) && (!unitName || p.unitId === org.unitId(unitName)),
  );
  if (!found) throw new Error(`no ${role} in ${unitName ?? 'the organisation'}`);
  return found;
}
