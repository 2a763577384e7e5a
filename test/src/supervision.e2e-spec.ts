import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { parse } from 'yaml';
import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import { WORK_ITEM_WORKFLOW_TYPE, planWorkflowId } from '@duban/contracts';
import { readOrganisation } from '@duban/domain';
import {
  AuditRepository,
  NotificationRepository,
  OrgRepository,
  openDataSource,
  type OutboxRow,
  type PersonView,
  type StoredPlan,
} from '@duban/persistence';
import type { ConfirmPreview } from '@duban/domain';
import { hashPassword } from '@duban/security';
import { freePort, readSinkMessages, startSmtpSink, type SmtpSink } from '@duban/devstack';
import { createTestDatabase, type TestDatabase } from '@duban/testing';
import { cleanEnv, runDuban, type DubanRun } from './support/duban-process';
import { bearer, signIn } from './support/sign-in';

const root = path.resolve(__dirname, '../..');
const PASSWORD = 'E2e-Passw0rd!';
const OWN_UNIT = '养老服务科';

interface Supervised {
  itemId: string;
  status: string;
  light: string;
  milestones: { key: string; status: string; light: string }[];
}

/**
 * The sample plan confirmed and supervised by the whole system (`duban start` against the test
 * run's Temporal dev server and MariaDB): workflows, commands over HTTP, read model.
 */
describe('supervising the sample plan end to end', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-supervision-'));
  let database: TestDatabase;
  let sink: SmtpSink;
  let run: DubanRun;
  let api: string;
  let dataSource: DataSource;
  let connection: Connection;
  let temporal: Client;
  let people: PersonView[];
  let unitIdOf: (name: string) => string;
  let plan: StoredPlan;
  let catchUpPeople = 0;
  const tokens = new Map<string, string>();

  const token = async (person: PersonView) => {
    const cached = tokens.get(person.username);
    if (cached) return cached;
    const fresh = await signIn(api, person.username, PASSWORD);
    tokens.set(person.username, fresh);
    return fresh;
  };
  const find = (role: string, unit?: string) => {
    const found = people.find(
      (p) => p.roles.includes(role as never) && (!unit || p.unitId === unitIdOf(unit)),
    );
    if (!found) throw new Error(`no ${role} in ${unit}`);
    return found;
  };
  async function call<T>(who: PersonView, method: string, route: string, body?: unknown) {
    const response = await fetch(`${api}${route}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...bearer(await token(who)),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  async function itemWorkflows(): Promise<string[]> {
    const ids: string[] = [];
    for await (const execution of temporal.workflow.list({
      query: `WorkflowType = '${WORK_ITEM_WORKFLOW_TYPE}'`,
    })) {
      if (execution.workflowId.startsWith(`item/${plan.id}/`)) ids.push(execution.workflowId);
    }
    return ids;
  }
  async function until<T>(what: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await what();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  beforeAll(async () => {
    // Its own database: the organisation it loads must not show up in other specs' data.
    database = await createTestDatabase('duban_supervision_e2e');
    const databaseUrl = database.url;
    sink = await startSmtpSink({ port: 0, mailDir: path.join(dataDir, 'mail') });
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    run = runDuban(
      ['start'],
      cleanEnv({
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        // Whatever the hour or day the tests run at, notices go out at once.
        QUIET_HOURS: 'none',
        EVIDENCE_MAX_MB: '1',
      }),
    );
    await run.waitForLine(/已启动/, 150_000);
    dataSource = await openDataSource(parseEnv({ DATABASE_URL: databaseUrl }).database);
    const org = new OrgRepository(dataSource, new AuditRepository(dataSource));
    const file = fs.readFileSync(
      path.join(root, 'samples/org/district-civil-affairs-bureau.yaml'),
      'utf8',
    );
    await org.importOrganisation(readOrganisation(parse(file)), null);
    const hash = await hashPassword(PASSWORD);
    people = await org.listPeople();
    for (const person of people) await org.setPassword(person.id, hash, null);
    const units = await org.listUnits();
    unitIdOf = (name) => units.find((u) => u.name === name)?.id ?? '';
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] ?? '' });
    temporal = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'duban' });
    const text = fs.readFileSync(
      path.join(root, 'samples/plans/2024-district-civil-affairs-work-plan.txt'),
      'utf8',
    );
    plan = (await call<StoredPlan>(find('supervisor'), 'POST', '/plans/import', { text })).body;
  });

  afterAll(async () => {
    await run?.interrupt();
    await connection?.close();
    await dataSource?.destroy();
    await sink?.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('previews what confirming the 2024 plan sets off, and confirms only with an explicit choice', async () => {
    const preview = await call<ConfirmPreview>(
      find('supervisor'),
      'GET',
      `/plans/${plan.id}/confirm-preview`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.items).toBe(35);
    // Every deadline of 2024 is past today.
    expect(preview.body.overdueItems).toBe(35);
    expect(preview.body.choiceRequired).toBe(true);
    expect(preview.body.notices.catchUp).toBe(preview.body.catchUpPeople.length);
    expect(preview.body.notices.catchUp).toBeGreaterThan(0);
    const unchosen = await call<{ field: string; message: string; preview: ConfirmPreview }>(
      find('supervisor'),
      'POST',
      `/plans/${plan.id}/confirm`,
    );
    expect(unchosen.status).toBe(400);
    expect(unchosen.body).toMatchObject({ field: 'pastDue', preview: preview.body });
    expect(unchosen.body.message).toContain('35 项事项已逾期');
    expect(
      (await call<StoredPlan>(find('supervisor'), 'GET', `/plans/${plan.id}`)).body.status,
    ).toBe('draft');
    catchUpPeople = preview.body.catchUpPeople.length;
  });

  it('starts exactly 35 item workflows when the plan is confirmed, and none when it is confirmed again', async () => {
    const confirmed = await call<{ supervision: { items: number } }>(
      find('supervisor'),
      'POST',
      `/plans/${plan.id}/confirm`,
      { pastDue: 'notify' },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.supervision.items).toBe(35);
    const projected = await until(
      () => call<Supervised[]>(find('supervisor'), 'GET', `/plans/${plan.id}/supervision`),
      (answer) => answer.body.length === 35,
    );
    expect(projected.body).toHaveLength(35);
    expect((await until(itemWorkflows, (ids) => ids.length >= 35)).length).toBe(35);
    const first = await temporal.workflow.getHandle(planWorkflowId(plan.id)).describe();
    const again = await call(find('supervisor'), 'POST', `/plans/${plan.id}/confirm`);
    expect(again.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await itemWorkflows()).toHaveLength(35);
    expect((await temporal.workflow.getHandle(planWorkflowId(plan.id)).describe()).runId).toBe(
      first.runId,
    );
  });

  it('e-mails each assignment notice once, to the people the outbox names', async () => {
    const outbox = new NotificationRepository(dataSource, new AuditRepository(dataSource));
    const assignments = async () =>
      (await outbox.list({})).filter((r) => r.planId === plan.id && r.step === 'assign0');
    const sent = await until(
      assignments,
      (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent'),
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.status === 'sent')).toBe(true);
    const mail = await readSinkMessages(path.join(dataDir, 'mail'), 1_000);
    const head = find('unit_head', OWN_UNIT);
    const toHead = mail.filter((m) => m.to.includes(head.email) && m.subject.includes('交办通知'));
    expect(toHead.length).toBeGreaterThan(0);
    for (const row of sent) {
      expect(mail.filter((m) => m.messageId === row.messageId)).toHaveLength(1);
    }
  });

  it('tells each person what was already past in at most one catch-up message', async () => {
    const outbox = new NotificationRepository(dataSource, new AuditRepository(dataSource));
    // Ladder rows wait under `catch_up/<day>`; what leaves is a bundle (step `catch_up/<day>`)
    // or, for a person with one such notice, the notice itself.
    const isCatchUp = (r: OutboxRow) => (r.bundleKey ?? r.step).startsWith('catch_up/');
    const catchUps = async () =>
      (await outbox.list({})).filter((r) => r.channel === 'email' && isCatchUp(r));
    const deadline = Date.now() + 150_000;
    let rows = await catchUps();
    while (
      Date.now() < deadline &&
      (rows.length === 0 || rows.some((r) => !['sent', 'digested'].includes(r.status)))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      rows = await catchUps();
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !['sent', 'digested'].includes(r.status))).toEqual([]);
    const sent = rows.filter((r) => r.status === 'sent');
    const perPerson = new Map<string, number>();
    for (const row of sent)
      perPerson.set(row.recipientId, (perPerson.get(row.recipientId) ?? 0) + 1);
    expect([...perPerson.values()].every((count) => count === 1)).toBe(true);
    expect(perPerson.size).toBeLessThanOrEqual(catchUpPeople);
    const mail = await readSinkMessages(path.join(dataDir, 'mail'), 2_000);
    for (const row of sent) {
      expect(mail.filter((m) => m.messageId === row.messageId)).toHaveLength(1);
    }
    // Far fewer messages than notices: the principal leaders' and the office's are one each.
    expect(sent.length).toBeLessThan(rows.length);
    expect(mail.some((m) => m.subject.startsWith('【督办补发】'))).toBe(true);
  }, 240_000);

  it('shows a unit only its own items, with lights and milestones', async () => {
    const staff = find('staff', OWN_UNIT);
    const mine = await call<Supervised[]>(staff, 'GET', `/plans/${plan.id}/supervision`);
    const all = await call<Supervised[]>(
      find('supervisor'),
      'GET',
      `/plans/${plan.id}/supervision`,
    );
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.length).toBeLessThan(all.body.length);
    expect(mine.body[0]).toMatchObject({
      status: 'assigned',
      light: expect.stringMatching(/green|yellow|red/),
    });
    expect(mine.body[0]?.milestones.map((m) => m.key)).toEqual(['q1', 'q2', 'q3', 'final']);
    const filtered = await call<Supervised[]>(
      find('supervisor'),
      'GET',
      `/plans/${plan.id}/supervision?unitId=${unitIdOf(OWN_UNIT)}`,
    );
    expect(filtered.body.map((i) => i.itemId)).toEqual(mine.body.map((i) => i.itemId));
  });

  it('takes commands over HTTP: acknowledge, submit, a refused and an accepted approval, on the timeline', async () => {
    const staff = find('staff', OWN_UNIT);
    const leader = people.find((p) => p.chargeUnitIds.includes(unitIdOf(OWN_UNIT))) as PersonView;
    const otherLeader = people.find(
      (p) => p.roles.includes('leader') && p.id !== leader.id,
    ) as PersonView;
    const [item] = (await call<Supervised[]>(staff, 'GET', `/plans/${plan.id}/supervision`)).body;
    const route = `/plans/${plan.id}/items/${item?.itemId}/commands`;
    expect((await call(staff, 'POST', route, { type: 'acknowledge' })).status).toBe(200);
    const submitted = await call(staff, 'POST', route, {
      type: 'submitProgress',
      milestoneKey: 'q1',
      text: '第一季度完成改造 120 户',
      progress: [],
      evidence: [],
    });
    expect(submitted.status).toBe(200);
    for (const who of [staff, otherLeader]) {
      const refused = await call<{ code: string; message: string }>(who, 'POST', route, {
        type: 'approveMilestone',
        milestoneKey: 'q1',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/分管领导/);
    }
    const auditor = await call(find('auditor'), 'POST', route, { type: 'acknowledge' });
    expect(auditor.status).toBe(403);
    const notNow = await call<{ code: string }>(leader, 'POST', route, { type: 'complete' });
    expect(notNow).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    const unknownUnit = await call<{ field: string }>(find('supervisor'), 'POST', route, {
      type: 'assign',
      leadUnitId: '00000000-0000-4000-8000-000000000000',
      coUnitIds: [],
      leaderId: null,
      responsibleId: null,
    });
    expect(unknownUnit).toMatchObject({ status: 400, body: { field: 'leadUnitId' } });
    const bad = await call<{ field: string }>(staff, 'POST', route, {
      type: 'submitProgress',
      milestoneKey: 'q2',
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'text' } });
    const approved = await call(leader, 'POST', route, {
      type: 'approveMilestone',
      milestoneKey: 'q1',
      comment: '同意',
    });
    expect(approved.status).toBe(200);
    const view = await until(
      () => call<Supervised>(staff, 'GET', `/plans/${plan.id}/items/${item?.itemId}/supervision`),
      (answer) => answer.body.milestones[0]?.status === 'approved',
    );
    expect(view.body.milestones[0]).toMatchObject({ status: 'approved', light: 'grey' });
    const timeline = await call<{ type: string; actorId: string | null }[]>(
      staff,
      'GET',
      `/plans/${plan.id}/items/${item?.itemId}/timeline`,
    );
    expect(
      timeline.body.filter((e) => e.type !== 'stepFired').map((e) => [e.type, e.actorId]),
    ).toEqual([
      ['acknowledge', staff.id],
      ['submitProgress', staff.id],
      ['approveMilestone', leader.id],
    ]);
    const trail = await new AuditRepository(dataSource).list({
      targetId: item?.itemId,
      limit: 100,
    });
    expect(trail.map((r) => [r.action, r.outcome])).toEqual(
      expect.arrayContaining([
        ['item.acknowledge', 'ok'],
        ['item.approveMilestone', 'refused'],
        ['item.approveMilestone', 'ok'],
      ]),
    );
  });

  it('refuses another unit’s staff any command on the item (403)', async () => {
    const [item] = (
      await call<Supervised[]>(find('staff', OWN_UNIT), 'GET', `/plans/${plan.id}/supervision`)
    ).body;
    const outsider = find('staff', '儿童福利科');
    const answer = await call(
      outsider,
      'POST',
      `/plans/${plan.id}/items/${item?.itemId}/commands`,
      { type: 'acknowledge' },
    );
    expect(answer.status).toBe(403);
    const read = await call(outsider, 'GET', `/plans/${plan.id}/items/${item?.itemId}/supervision`);
    expect(read.status).toBe(403);
  });

  describe('evidence', () => {
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(2048, 0x20),
      Buffer.from('%%EOF\n'),
    ]);
    let itemId: string;

    const upload = async (who: PersonView, bytes: Buffer, name: string, target = itemId) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      const response = await fetch(`${api}/plans/${plan.id}/items/${target}/evidence`, {
        method: 'POST',
        headers: bearer(await token(who)),
        body: form,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const stagedFiles = () => {
      const staging = path.join(dataDir, 'evidence', 'staging');
      return fs.existsSync(staging) ? fs.readdirSync(staging) : [];
    };

    beforeAll(async () => {
      const [item] = (
        await call<Supervised[]>(find('staff', OWN_UNIT), 'GET', `/plans/${plan.id}/supervision`)
      ).body;
      itemId = item?.itemId ?? '';
    });

    it('stores an upload once under its SHA-256, and gives it back only to those who may read the item', async () => {
      const staff = find('staff', OWN_UNIT);
      const first = await upload(staff, pdf, '入户改造验收单.pdf');
      expect(first.status).toBe(201);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      expect(first.body).toMatchObject({
        sha256,
        size: pdf.length,
        mediaType: 'application/pdf',
        fileName: '入户改造验收单.pdf',
      });
      const again = await upload(staff, pdf, '副本.pdf');
      expect(again.body['sha256']).toBe(sha256);
      expect(fs.readdirSync(path.join(dataDir, 'evidence', sha256.slice(0, 2)))).toEqual([sha256]);
      expect(stagedFiles()).toEqual([]);
      const trail = await new AuditRepository(dataSource).list({
        action: 'evidence.upload',
        limit: 1000,
      });
      // Who uploaded, and from where: the test talks to the API over loopback.
      expect(trail.at(-1)).toMatchObject({
        actorId: staff.id,
        ip: expect.stringMatching(/127\.0\.0\.1/),
      });

      const download = await fetch(`${api}/evidence/${first.body['id']}`, {
        headers: bearer(await token(staff)),
      });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('入户改造验收单.pdf')}`,
      );
      expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
      const outsider = await fetch(`${api}/evidence/${first.body['id']}`, {
        headers: bearer(await token(find('staff', '儿童福利科'))),
      });
      expect(outsider.status).toBe(403);

      const submitted = await call(staff, 'POST', `/plans/${plan.id}/items/${itemId}/commands`, {
        type: 'submitProgress',
        milestoneKey: 'q2',
        text: '附验收单',
        progress: [],
        evidence: [{ id: first.body['id'], sha256 }],
      });
      expect(submitted.status).toBe(200);
    });

    it.each([
      ['a program named as a PDF', Buffer.from('MZ\x90\x00\x03\x00'), 'report.pdf', 415],
      ['a file type that is not allowed', Buffer.from('%PDF-1.7'), 'report.exe', 415],
      [
        'a file over the limit',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024 + 1)]),
        'big.pdf',
        413,
      ],
    ])('refuses %s, keeping nothing', async (_case, bytes, name, status) => {
      const answer = await upload(find('staff', OWN_UNIT), bytes, name);
      expect(answer.status).toBe(status);
      expect(stagedFiles()).toEqual([]);
    });

    it('refuses an upload by another unit’s staff (403)', async () => {
      expect((await upload(find('staff', '儿童福利科'), pdf, 'x.pdf')).status).toBe(403);
    });
  });
});
