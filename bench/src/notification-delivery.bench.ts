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
import { eachConcurrently } from './concurrently';
import {
  createMailTransport,
  createNotificationDeps,
  drainOutbox,
  messageIdFor,
  sendMail,
} from '@duban/worker-kit';

/**
 * Draining 10,000 outbox rows into an SMTP sink on loopback, against plain nodemailer sending
 * the same rendered messages over the same pooled connections with no outbox, in the same run.
 * The ratio of the two rates is what claiming, recording and exactly-once cost. Target ≥ 0.8.
 */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 10_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const INSERT_CHUNK = 1_000;
const WARM_UP = 1_000;
const SETTLE_MS = Number(process.env['BENCH_SETTLE_MS'] ?? 5_000);
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function emptyDirectory(dir: string): void {
  for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name));
}

function messages(people: readonly PersonView[], run: string, count: number): OutboxMessage[] {
  return Array.from({ length: count }, (_, i) => {
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

    // A phase is prepared (messages built, or queued), then timed while it sends.
    const plain = async (run: string, count: number) => {
      const batch = messages(people, run, count);
      return () =>
        eachConcurrently(batch, env.notify.concurrency, async (m) => {
          const person = people.find((p) => p.id === m.recipientId) as PersonView;
          const outcome = await sendMail(mail, {
            from: env.notify.from,
            to: { name: person.name, address: person.email },
            ...renderNotice(m.payload as NoticeData, person.locale),
            messageId: messageIdFor(m.key, env.notify.from),
          });
          if (outcome.status !== 'sent') throw new Error(`plain send: ${JSON.stringify(outcome)}`);
        });
    };
    const outbox = async (run: string, count: number) => {
      const batch = messages(people, run, count);
      for (let i = 0; i < batch.length; i += INSERT_CHUNK) {
        await deps.notifications.enqueue(batch.slice(i, i + INSERT_CHUNK), new Date());
      }
      const sentBefore = (await deps.notifications.counts()).sent;
      return async () => {
        let recorded = 0;
        const { attempted } = await drainOutbox(deps, {
          until: Number.POSITIVE_INFINITY,
          onRecorded: () => {
            if (++recorded % 2_500 === 0) log(`  recorded ${recorded}/${count}…`);
          },
        });
        const sent = (await deps.notifications.counts()).sent - sentBefore;
        if (attempted !== count || sent !== count) {
          throw new Error(`${attempted} attempted, ${sent} sent`);
        }
      };
    };

    // Each phase starts with an empty sink directory (files pile up, and a full directory is
    // slower to write to) and after a pause, so that the database has written away what was
    // queued and neither phase pays for the other's leftovers. A small untimed round warms both
    // paths up first. The two phases of a round run back to back, in alternating order, so
    // drift on a shared machine hits both alike; the median of the rounds' ratios is reported.
    const phases = { plain, outbox };
    const timed = async (phase: keyof typeof phases, run: string, count: number) => {
      emptyDirectory(mailDir);
      const send = await phases[phase](run, count);
      await sleep(SETTLE_MS);
      const start = performance.now();
      await send();
      return count / ((performance.now() - start) / 1000);
    };
    log(`warm-up: ${WARM_UP} messages each way…`);
    for (const phase of ['plain', 'outbox'] as const) await timed(phase, `warm-${phase}`, WARM_UP);
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const order = round % 2 ? (['plain', 'outbox'] as const) : (['outbox', 'plain'] as const);
      const rate = { plain: 0, outbox: 0 };
      for (const phase of order) {
        log(`round ${round}/${ROUNDS}: ${phase === 'plain' ? 'plain nodemailer' : 'outbox'}…`);
        rate[phase] = await timed(phase, `${phase}-${round}`, ROWS);
      }
      ratios.push(rate.outbox / rate.plain);
      log(
        `round ${round}: outbox ${rate.outbox.toFixed(0)} msg/s, plain nodemailer ${rate.plain.toFixed(0)} msg/s → ratio ${(rate.outbox / rate.plain).toFixed(2)}`,
      );
    }
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0;
    log(
      `notification delivery: outbox / plain nodemailer, median of ${ROUNDS} rounds → ratio ${median.toFixed(2)} (target ≥ 0.8)`,
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
