import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseEnv } from '@duban/config';
import { startSmtpSink } from '@duban/devstack';
import { renderNotice, type NoticeData } from '@duban/notifications';
import {
  migrateDatabase,
  openDataSource,
  type OutboxMessage,
  type PersonView,
  importSampleOrganisation,
} from '@duban/persistence';
import { createTestDatabase } from '@duban/testing';
import {
  createMailTransport,
  createNotificationDeps,
  DELIVERY_BATCH,
  deliverBatch,
  eachConcurrently,
  messageIdFor,
  sendMail,
} from '@duban/worker-kit';

/**
 * Draining 10,000 outbox rows into an SMTP sink on loopback, against plain nodemailer sending
 * the same rendered messages over the same pooled connections with no outbox, in the same run.
 * The ratio of the two rates is what claiming, recording and exactly-once cost. Target ≥ 0.8.
 */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 10_000);
const INSERT_CHUNK = 1_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

function notice(person: PersonView, i: number): NoticeData {
  return {
    kind: i % 3 === 0 ? 'escalation' : 'reminder',
    recipientName: person.name,
    item: {
      planTitle: '2024年区民政局工作要点',
      itemNo: (i % 35) + 1,
      itemTitle: `第${(i % 35) + 1}项 完成适老化改造500户`,
      unitName: '养老服务科',
      link: `https://duban.example.gov.cn/plans/p/items/${i}`,
    },
    milestone: { title: '第三季度进展', dueAt: '2024-09-30T15:59:59.999Z' },
    escalation: i % 3 === 0 ? { level: 2, daysOverdue: 4, urgingNotice: false } : null,
    alsoTold: i % 3 === 0 ? ['李娜', '王强'] : [],
    comment: null,
    extension: null,
    at: '2024-10-08T01:00:00.000Z',
  };
}

function messages(people: readonly PersonView[], run: string): OutboxMessage[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const person = people[i % people.length] as PersonView;
    const payload = notice(person, i);
    return {
      key: `bench/${run}/${i}/${person.id}`,
      kind: payload.kind,
      channel: 'email',
      recipientId: person.id,
      recipientRole: 'responsible',
      workflowId: `item/bench/${i % 35}`,
      planId: 'bench',
      itemId: 'bench',
      milestoneKey: 'q3',
      step: `reminder${i}@v1`,
      urgingNotice: false,
      payload,
      held: false,
      dueAt: new Date(0).toISOString(),
    };
  });
}

async function main(): Promise<void> {
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-mail-'));
  const sink = await startSmtpSink({ port: 0, mailDir });
  const database = await createTestDatabase('duban_bench_notify');
  const env = parseEnv({
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    QUIET_HOURS: 'none',
  });
  const dataSource = await openDataSource(env.database);
  const mail = createMailTransport(env);
  try {
    await migrateDatabase(dataSource, () => undefined);
    const { people } = await importSampleOrganisation(dataSource);
    const deps = createNotificationDeps(dataSource, env, mail);
    log(`${ROWS} messages per phase, ${env.notify.concurrency} SMTP connections, MariaDB`);

    const plain = async (run: string) => {
      const batch = messages(people, run);
      const start = performance.now();
      await eachConcurrently(batch, env.notify.concurrency, async (m) => {
        const person = people.find((p) => p.id === m.recipientId) as PersonView;
        const outcome = await sendMail(mail, {
          from: env.notify.from,
          to: { name: person.name, address: person.email },
          ...renderNotice(m.payload as NoticeData, person.locale),
          messageId: messageIdFor(m.key, env.notify.from),
        });
        if (outcome.status !== 'sent')
          throw new Error(`plain send failed: ${JSON.stringify(outcome)}`);
      });
      return ROWS / ((performance.now() - start) / 1000);
    };
    const outbox = async (run: string) => {
      const batch = messages(people, run);
      for (let i = 0; i < batch.length; i += INSERT_CHUNK) {
        await deps.notifications.enqueue(batch.slice(i, i + INSERT_CHUNK), new Date());
      }
      const start = performance.now();
      let drained = 0;
      for (
        let n = await deliverBatch(deps, DELIVERY_BATCH);
        n > 0;
        n = await deliverBatch(deps, DELIVERY_BATCH)
      ) {
        drained += n;
        if (drained % 2_500 === 0) log(`  drained ${drained}/${ROWS}…`);
      }
      const rate = ROWS / ((performance.now() - start) / 1000);
      const { sent } = await deps.notifications.counts();
      if (sent < ROWS) throw new Error(`only ${sent} rows sent`);
      await dataSource.query('DELETE FROM notification_outbox');
      return rate;
    };

    // Alternating phases, so drift on a shared machine hits both alike.
    const rates = { plain: [] as number[], outbox: [] as number[] };
    for (const round of [1, 2]) {
      log(`round ${round}: plain nodemailer`);
      rates.plain.push(await plain(`plain-${round}`));
      log(`round ${round}: outbox`);
      rates.outbox.push(await outbox(`outbox-${round}`));
    }
    const best = (list: number[]) => Math.max(...list);
    const ratio = best(rates.outbox) / best(rates.plain);
    log(
      `notification delivery: outbox ${best(rates.outbox).toFixed(0)} msg/s vs plain nodemailer ${best(rates.plain).toFixed(0)} msg/s (best of 2) → ratio ${ratio.toFixed(2)} (target ≥ 0.8)`,
    );
  } finally {
    mail.close();
    await dataSource.destroy();
    await database.drop();
    await sink.stop();
    fs.rmSync(mailDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
