import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Document, Packer, Paragraph } from 'docx';
import { DataSource } from 'typeorm';
import { PlanEntity, type StoredPlan, type StoredPlanItem } from '@duban/persistence';
import { MAX_INPUT_BYTES } from '@duban/plan-parser';
import { startTestApi, type Answer, type TestApi } from '../testing/test-api';

const samplePath = path.resolve(
  __dirname,
  '../../../../samples/plans/2024-district-civil-affairs-work-plan.txt',
);
const sampleBytes = fs.readFileSync(samplePath);
const sampleText = sampleBytes.toString('utf8');

const items = (plan: StoredPlan): StoredPlanItem[] => plan.sections.flatMap((s) => s.items);

async function docxOf(text: string): Promise<Buffer> {
  const paragraphs = text.split('\n').map((line) => new Paragraph(line));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

/**
 * The API as deployed, over real HTTP, on its own MariaDB database: what a test sees in the
 * tables is what these requests wrote.
 */
describe('plans API', () => {
  let api: TestApi;
  let app: NestFastifyApplication;
  let token: string;

  /** As the supervisor, who manages plans. */
  async function call<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    return api.call<T>(method, route, { body, token });
  }

  function upload(bytes: Uint8Array, fileName: string, type = 'text/plain'): FormData {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), fileName);
    return form;
  }

  const importText = (body: Record<string, unknown>) =>
    call<StoredPlan>('POST', '/plans/import', body);
  const getPlan = async (id: string) => (await call<StoredPlan>('GET', `/plans/${id}`)).body;
  const planRows = () => app.get(DataSource).getRepository(PlanEntity).count();

  beforeAll(async () => {
    api = await startTestApi('duban_plans_api');
    app = api.app;
    token = await api.tokenOf(api.person('supervisor').username);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('import', () => {
    let imported: StoredPlan;

    it('parses JSON text and stores a draft: 201 with the id and the parser shape', async () => {
      const { status, body } = await importText({ text: sampleText, fileName: 'sample.txt' });
      expect(status).toBe(201);
      imported = body;
      expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(body).toMatchObject({
        status: 'draft',
        title: '区民政局2024年工作要点',
        year: 2024,
        sourceName: 'sample.txt',
        confirmedAt: null,
      });
      expect(body.sections).toHaveLength(9);
      expect(items(body)).toHaveLength(35);
      expect(items(body).map((item) => item.no)).toEqual(
        Array.from({ length: 35 }, (_, i) => i + 1),
      );
      expect(
        items(body)
          .filter((item) => item.bodyMissing)
          .map((item) => item.no),
      ).toEqual(Array.from({ length: 16 }, (_, i) => i + 20));
      expect(body.warnings.map((w) => w.code)).toEqual(
        expect.arrayContaining(['BODY_MISSING', 'BODY_TRUNCATED']),
      );
      expect(await getPlan(body.id)).toEqual(body);
    });

    it('answers 200 with the same plan when the same content comes again', async () => {
      const { status, body } = await importText({ text: sampleText, year: 2024 });
      expect(status).toBe(200);
      expect(body).toEqual(imported);
      expect(await planRows()).toBe(1);
    });

    it('takes the same bytes uploaded as a file for the same content', async () => {
      const { status, body } = await call<StoredPlan>(
        'POST',
        '/plans/import',
        upload(sampleBytes, 'plan.txt'),
      );
      expect(status).toBe(200);
      expect(body.id).toBe(imported.id);
      expect(await planRows()).toBe(1);
    });

    it('reads a .docx upload into a new plan', async () => {
      const { status, body } = await call<StoredPlan>(
        'POST',
        '/plans/import',
        upload(
          await docxOf(sampleText),
          '2024年工作要点.docx',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ),
      );
      expect(status).toBe(201);
      expect(body.id).not.toBe(imported.id);
      expect(body).toMatchObject({ status: 'draft', sourceName: '2024年工作要点.docx' });
      expect(body.sections).toHaveLength(9);
      expect(items(body)).toHaveLength(35);
      expect(await planRows()).toBe(2);
    });

    it('uses the year field of a multipart upload when the title has none', async () => {
      const text = '工作要点\n一、社会救助\n（一）完善救助制度。6月底前出台实施办法。';
      const form = upload(Buffer.from(text), 'plan.txt');
      form.append('year', '2025');
      const { status, body } = await call<StoredPlan>('POST', '/plans/import', form);
      expect(status).toBe(201);
      expect(body.year).toBe(2025);
      expect(items(body)[0]?.due).toBe('2025-06-30');
    });

    it('makes the 2024 document a plan of the year given, its dates moved, once per year', async () => {
      const first = await importText({ text: sampleText, year: 2026 });
      expect(first.status).toBe(201);
      expect(first.body.year).toBe(2026);
      expect(first.body.warnings.map((w) => w.code)).toContain('YEAR_MISMATCH');
      const dues = items(first.body).map((i) => i.due);
      expect(dues.every((due) => due.startsWith('2026-') || due.startsWith('2027-'))).toBe(true);
      const again = await importText({ text: sampleText, year: 2026 });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const original = await importText({ text: sampleText });
      expect(original.status).toBe(200);
      expect(original.body.year).toBe(2024);
    });

    it.each([
      ['empty text', { text: '' }, 'EMPTY_INPUT'],
      ['text without headings', { text: '今年要做好各项民政工作。' }, 'NO_HEADINGS'],
      [
        'a plan without a year',
        { text: '工作要点\n一、社会救助\n（一）完善救助制度。' },
        'YEAR_MISSING',
      ],
    ])('answers 422 with the parser errors for %s, storing nothing', async (_, body, code) => {
      const before = await planRows();
      const answer = await call('POST', '/plans/import', body);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ statusCode: 422, code: 'DOCUMENT_REJECTED' });
      const errors = answer.body['errors'] as Record<string, unknown>[];
      expect(errors.map((e) => e['code'])).toContain(code);
      for (const error of errors) {
        expect(Object.keys(error).sort()).toEqual(['code', 'line', 'message', 'messageEn']);
        expect(error['message']).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await planRows()).toBe(before);
    });

    it('answers 422 for a file the parser cannot read', async () => {
      const answer = await call(
        'POST',
        '/plans/import',
        upload(Buffer.from([0, 1, 2, 3]), 'x.txt'),
      );
      expect(answer.status).toBe(422);
      expect((answer.body['errors'] as { code: string }[])[0]?.code).toBe('BINARY_INPUT');
    });

    it('answers 422, storing nothing, for a passage longer than its column', async () => {
      const before = await planRows();
      const text = `2024年工作要点\n一、社会救助\n（一）完善救助制度。${'救助'.repeat(40_000)}`;
      const answer = await call('POST', '/plans/import', { text });
      expect(answer.status).toBe(422);
      expect((answer.body['errors'] as { code: string }[])[0]?.code).toBe('TEXT_TOO_LONG');
      expect(await planRows()).toBe(before);
    });

    it('answers 413 for a file over 5 MB', async () => {
      const answer = await call(
        'POST',
        '/plans/import',
        upload(Buffer.alloc(MAX_INPUT_BYTES + 1, 'a'), 'big.txt'),
      );
      expect(answer.status).toBe(413);
      expect(answer.body['message']).toContain('5 MB');
    });

    it('answers 413 for JSON text over 5 MB', async () => {
      const answer = await call('POST', '/plans/import', { text: 'a'.repeat(MAX_INPUT_BYTES + 1) });
      expect(answer.status).toBe(413);
      expect(answer.body['message']).toContain('5 MB');
    });

    it('accepts a file of exactly 5 MB as far as the parser', async () => {
      const answer = await call(
        'POST',
        '/plans/import',
        upload(Buffer.alloc(MAX_INPUT_BYTES, 'a'), 'big.txt'),
      );
      expect(answer.status).toBe(422);
    });

    it.each([
      ['plan.pdf', 'application/pdf'],
      ['plan.doc', 'application/msword'],
      ['plan', 'image/png'],
    ])('answers 415 for an upload named %s (%s)', async (fileName, type) => {
      const answer = await call('POST', '/plans/import', upload(sampleBytes, fileName, type));
      expect(answer.status).toBe(415);
      expect(answer.body['message']).toContain('.docx');
    });

    it('answers 415 for a body that is neither JSON nor multipart', async () => {
      const response = await fetch(`${api.base}/plans/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: sampleText,
      });
      expect(response.status).toBe(415);
    });

    it.each([
      ['an unknown field', { text: sampleText, extra: 1 }, 'extra'],
      ['text that is not a string', { text: 42 }, 'text'],
      ['a year before 1900', { text: sampleText, year: 1800 }, 'year'],
    ])('answers 400 naming the field for %s', async (_, body, field) => {
      const answer = await call('POST', '/plans/import', body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body['message'])).toContain(field);
    });

    it('answers 400 for a multipart upload without a file', async () => {
      const form = new FormData();
      form.append('year', '2024');
      expect((await call('POST', '/plans/import', form)).status).toBe(400);
    });

    it('stores one plan when the same new content arrives several times at once', async () => {
      const before = await planRows();
      const text = `${sampleText}\n\n\n`;
      const answers = await Promise.all([1, 2, 3].map(() => importText({ text })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await planRows()).toBe(before + 1);
    });

    it('lists the plans with their counts, newest first', async () => {
      const { status, body } = await call<Record<string, unknown>[]>('GET', '/plans');
      expect(status).toBe(200);
      expect(body).toHaveLength(await planRows());
      expect(body.at(-1)).toEqual({
        id: imported.id,
        title: '区民政局2024年工作要点',
        year: 2024,
        status: 'draft',
        sourceName: 'sample.txt',
        counts: {
          sections: 9,
          items: 35,
          targets: items(imported).reduce((n, item) => n + item.targets.length, 0),
        },
        createdAt: imported.createdAt,
        confirmedAt: null,
      });
    });
  });

  describe('editing a draft', () => {
    let plan: StoredPlan;
    let item: StoredPlanItem;

    beforeAll(async () => {
      // Other content than the plans above (one more line end), so a plan of its own.
      plan = (await importText({ text: `${sampleText}\n` })).body;
      const found = items(plan).find((i) => i.no === 3);
      if (!found) throw new Error('the sample has no item 3');
      item = found;
    });

    it('stores a new item title, due date and suggested unit', async () => {
      const answer = await call<StoredPlan>('PATCH', `/plans/${plan.id}/items/${item.id}`, {
        title: '  健全分层分类社会救助体系 ',
        due: '2025-03-31',
        suggestedUnit: '社会救助科（低保办）',
      });
      expect(answer.status).toBe(200);
      const stored = await getPlan(plan.id);
      expect(answer.body).toEqual(stored);
      expect(items(stored).find((i) => i.id === item.id)).toEqual({
        ...item,
        title: '健全分层分类社会救助体系',
        due: '2025-03-31',
        dueSource: null,
        suggestedUnit: '社会救助科（低保办）',
      });
      plan = stored;
      item = items(stored).find((i) => i.id === item.id) ?? item;
    });

    it('clears the suggested unit with null', async () => {
      const answer = await call<StoredPlan>('PATCH', `/plans/${plan.id}/items/${item.id}`, {
        suggestedUnit: null,
      });
      expect(answer.status).toBe(200);
      expect(items(await getPlan(plan.id)).find((i) => i.id === item.id)?.suggestedUnit).toBe(null);
    });

    it('stores a new section title', async () => {
      const answer = await call<StoredPlan>('PATCH', `/plans/${plan.id}/sections/2`, {
        title: '社会救助',
      });
      expect(answer.status).toBe(200);
      expect((await getPlan(plan.id)).sections[1]?.title).toBe('社会救助');
    });

    it('replaces the whole target list of an item', async () => {
      const targets = [
        { quantity: 200, unit: '户', comparator: 'gte', subject: '适老化改造' },
        {
          text: '每家互助社筹措资金不少于1.5万元',
          quantity: 1.5,
          unit: '万元',
          comparator: 'gte',
          subject: '筹措资金',
          per: '互助社',
        },
      ];
      const answer = await call('PUT', `/plans/${plan.id}/items/${item.id}/targets`, { targets });
      expect(answer.status).toBe(200);
      expect(items(await getPlan(plan.id)).find((i) => i.id === item.id)?.targets).toEqual([
        { text: '', per: null, ...targets[0] },
        targets[1],
      ]);
    });

    it.each([
      ['an impossible date', 'items', { due: '2024-02-30' }, 'due'],
      ['a date outside the plan year and the next', 'items', { due: '2026-01-01' }, 'due'],
      ['an empty title', 'items', { title: '' }, 'title'],
      ['a title of 201 characters', 'items', { title: '字'.repeat(201) }, 'title'],
      [
        'a suggested unit of 101 characters',
        'items',
        { suggestedUnit: '科'.repeat(101) },
        'suggestedUnit',
      ],
      ['an unknown field', 'items', { title: '标题', priority: 1 }, 'priority'],
      ['a field the document owns', 'items', { body: '正文' }, 'body'],
      ['a due date that is not a string', 'items', { due: 20240630 }, 'due'],
      ['an empty section title', 'sections', { title: ' ' }, 'title'],
      [
        'a negative quantity',
        'targets',
        { targets: [{ quantity: -1, unit: '户', comparator: 'gte', subject: '改造' }] },
        'targets[0].quantity',
      ],
      [
        'an unknown comparator',
        'targets',
        { targets: [{ quantity: 1, unit: '户', comparator: 'gt', subject: '改造' }] },
        'targets[0].comparator',
      ],
      [
        'an empty unit',
        'targets',
        { targets: [{ quantity: 1, unit: '', comparator: 'eq', subject: '改造' }] },
        'targets[0].unit',
      ],
      [
        'an unknown target field',
        'targets',
        { targets: [{ quantity: 1, unit: '户', comparator: 'eq', subject: '改造', weight: 2 }] },
        'targets[0].weight',
      ],
    ])('answers 400 naming the field for %s, changing nothing', async (_, what, body, field) => {
      const before = await getPlan(plan.id);
      const route = {
        items: ['PATCH', `/plans/${plan.id}/items/${item.id}`],
        sections: ['PATCH', `/plans/${plan.id}/sections/1`],
        targets: ['PUT', `/plans/${plan.id}/items/${item.id}/targets`],
      }[what] as [string, string];
      const answer = await call(...route, body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body['message'])).toContain(field);
      if (answer.body['code'] === 'INVALID_INPUT') expect(answer.body['field']).toBe(field);
      expect(await getPlan(plan.id)).toEqual(before);
    });

    it('answers 404 for an unknown plan, item or section', async () => {
      const unknown = randomUUID();
      expect((await call('GET', `/plans/${unknown}`)).status).toBe(404);
      expect(
        (await call('PATCH', `/plans/${unknown}/items/${item.id}`, { title: 'x' })).status,
      ).toBe(404);
      expect(
        (await call('PATCH', `/plans/${plan.id}/items/${unknown}`, { title: 'x' })).status,
      ).toBe(404);
      expect((await call('PATCH', `/plans/${plan.id}/sections/99`, { title: 'x' })).status).toBe(
        404,
      );
      expect((await call('POST', `/plans/${unknown}/confirm`)).status).toBe(404);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      expect((await call('GET', '/plans/42')).status).toBe(400);
    });
  });

  describe('escalation policy', () => {
    const policy = {
      version: 2,
      notifyAt: '08:30',
      reminderRecipients: ['responsible'],
      reminders: [{ before: { workingDays: 5 } }],
      escalations: [
        {
          after: { workingDays: 0 },
          recipients: ['unit_head'],
          light: 'yellow',
          urgingNotice: false,
        },
      ],
      warningWindow: { workingDays: 5 },
    };

    it('is the default until set, then the draft keeps its own', async () => {
      const plan = (await importText({ text: `${sampleText}\n\n\n` })).body;
      expect(plan.escalationPolicy).toBeNull();
      const answer = await call<StoredPlan>('PUT', `/plans/${plan.id}/escalation-policy`, policy);
      expect(answer.status).toBe(200);
      expect(answer.body.escalationPolicy).toEqual(policy);
      expect((await getPlan(plan.id)).escalationPolicy).toEqual(policy);
    });

    it.each([
      ['notifyAt', { ...policy, notifyAt: '8:30' }],
      ['reminders[0].before', { ...policy, reminders: [{ before: { workingDays: -1 } }] }],
      [
        'escalations[0].recipients[0]',
        { ...policy, escalations: [{ ...policy.escalations[0], recipients: ['mayor'] }] },
      ],
    ])('answers 400 naming %s, changing nothing', async (field, body) => {
      const plan = (await importText({ text: `${sampleText}\n\n\n` })).body;
      const answer = await call('PUT', `/plans/${plan.id}/escalation-policy`, body);
      expect(answer.status).toBe(400);
      expect(answer.body['field']).toBe(field);
      expect((await getPlan(plan.id)).escalationPolicy).toEqual(policy);
    });
  });

  describe('confirming', () => {
    let plan: StoredPlan;
    let item: StoredPlanItem;

    const text = `${sampleText}\n\n`;

    beforeAll(async () => {
      plan = (await importText({ text })).body;
      item = items(plan)[0] as StoredPlanItem;
    });

    it('refuses to confirm a plan whose deadlines have passed until told what to do with them', async () => {
      const preview = await call<Record<string, unknown>>(
        'GET',
        `/plans/${plan.id}/confirm-preview`,
      );
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ items: 35, overdueItems: 35, choiceRequired: true });
      const answer = await call('POST', `/plans/${plan.id}/confirm`);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ field: 'pastDue', preview: preview.body });
      expect((await getPlan(plan.id)).status).toBe('draft');
      const wrong = await call('POST', `/plans/${plan.id}/confirm`, { pastDue: 'later' });
      expect(wrong.status).toBe(400);
      expect((await getPlan(plan.id)).status).toBe('draft');
    });

    it('freezes the plan and starts its supervision: 200 with status confirmed', async () => {
      const answer = await call<StoredPlan & { supervision: unknown }>(
        'POST',
        `/plans/${plan.id}/confirm`,
        { pastDue: 'skip' },
      );
      expect(answer.status).toBe(200);
      const { supervision, ...confirmed } = answer.body;
      expect(confirmed.status).toBe('confirmed');
      expect(confirmed.confirmedAt).toEqual(expect.any(String));
      expect(supervision).toMatchObject({
        workflowId: `plan/${plan.id}`,
        items: 35,
        calendarWarning: null,
        preview: { items: 35 },
      });
      expect(await getPlan(plan.id)).toEqual(confirmed);
      plan = confirmed;
    });

    it.each([
      ['PATCH', 'items', { title: '新标题' }],
      ['PATCH', 'sections', { title: '新标题' }],
      ['PUT', 'targets', { targets: [] }],
    ])('answers 409 to %s of %s afterwards, changing nothing', async (method, what, body) => {
      const route = {
        items: `/plans/${plan.id}/items/${item.id}`,
        sections: `/plans/${plan.id}/sections/1`,
        targets: `/plans/${plan.id}/items/${item.id}/targets`,
      }[what] as string;
      const answer = await call(method, route, body);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'CONFLICT', message: '计划已确认，不能再修改' });
      expect(await getPlan(plan.id)).toEqual(plan);
    });

    it('answers a second confirm with the plan unchanged', async () => {
      const answer = await call<StoredPlan>('POST', `/plans/${plan.id}/confirm`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ...plan, supervision: expect.any(Object) });
    });

    it('warns on confirm when the plan year is outside the statutory calendar', async () => {
      // The title names the year; a plan for 2099 is one whose title says so.
      const text = sampleText.replace(/2024/g, '2099');
      const future = (await importText({ text })).body;
      expect(future.year).toBe(2099);
      const answer = await call<{ supervision: { calendarWarning: { code: string } | null } }>(
        'POST',
        `/plans/${future.id}/confirm`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.supervision.calendarWarning).toMatchObject({
        code: 'CALENDAR_YEAR_NOT_COVERED',
        year: 2099,
        message: expect.stringContaining('周一至周五'),
      });
    });

    it('answers a re-import of its content with the confirmed plan', async () => {
      const answer = await importText({ text });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(plan);
    });
  });
});
