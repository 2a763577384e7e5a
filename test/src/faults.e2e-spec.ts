import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import type { ConfirmPreview } from '@duban/domain';
import { freePort } from '@duban/devstack';
import {
  AuditRepository,
  NotificationRepository,
  importSampleOrganisation,
  openDataSource,
  type OutboxRow,
  type PersonView,
  type StoredPlan,
} from '@duban/persistence';
import { hashPassword } from '@duban/security';
import {
  startPrivateMariaDb,
  startScriptedSmtpServer,
  type PrivateMariaDb,
  type ScriptedSmtpServer,
} from '@duban/testing';
import { messageIdFor } from '@duban/worker-kit';
import { cleanEnv, descendants, runDuban, type DubanRun } from './support/duban-process';
import { bearer, signIn } from './support/sign-in';

const root = path.resolve(__dirname, '../..');
const PASSWORD = 'Fault-Passw0rd!';
const OWN_UNIT = '养老服务科';
const MAIL_FROM = '督办系统 <duban@faults.example.gov.cn>';
/** Longer than a live sender holds a claim here, shorter than Temporal takes to see a dead one. */
const LEASE_SECONDS = 20;
/** What the outbox says of a row whose sender died holding it. */
const LEASE_LOST = 'sender stopped while sending; delivery unknown';
/** The scenario: the mail server answers 421 to every MAIL FROM for a minute. */
const REFUSAL_MS = 60_000;
/** Messages (counted once the refusals are over) the server takes in full and then drops. */
const DROPPED_AFTER_DATA = new Set([2, 5, 9]);
/** Still to be delivered: a settled outbox has none of these. */
const UNSETTLED = new Set(['pending', 'sending', 'held']);

interface Supervised {
  itemId: string;
  milestones: { key: string }[];
}

interface Received {
  readonly messageId: string;
  readonly to: string;
}

/** How the scripted SMTP server behaves at this point of the scenario, and what it saw. */
const script = {
  refusing: false,
  refusals: 0,
  /** Messages accepted or dropped after the refusals (the kill's message is not counted). */
  taken: 0,
  dropped: [] as string[],
  /** Runs on the next message instead of answering it (the worker is killed from here). */
  onNextMessage: null as ((message: string) => void) | null,
};

/**
 * Issue 12's fault test on the real system: `duban start` with its own Temporal dev server,
 * a MariaDB server of its own that the test restarts, and a scripted SMTP server that refuses
 * for a minute and drops chosen messages after DATA; the worker is SIGKILLed with a message in
 * flight. Every notice is checked at the SMTP server by its Message-ID, derived from the
 * outbox key, so a message that went out twice is caught.
 */
describe('notice delivery through faults (worker SIGKILL, Temporal and MariaDB restarts, SMTP 421, drops after DATA)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-faults-'));
  let mariadb: PrivateMariaDb | undefined;
  let smtp: ScriptedSmtpServer | undefined;
  let run: DubanRun | undefined;
  let dataSource: DataSource | undefined;
  let databaseUrl: string;
  let api: string;
  let notifications: NotificationRepository;
  let people: PersonView[];
  let unitId: (name: string) => string;
  /** Confirmed while the server refuses: their assignment notices are the first wave. */
  let plans: StoredPlan[];
  let plan: StoredPlan;
  /** Rows the killed worker held, read while it was dead and before its lease ran out. */
  let heldAtKill: OutboxRow[] = [];
  /** Message-ID of the message the worker was sending when it was killed. */
  let inFlightId = '';
  const tokens = new Map<string, string>();
  const parsed: Received[] = [];

  const person = (role: string, unit?: string) => {
    const found = people.find(
      (p) => p.roles.includes(role as never) && (!unit || p.unitId === unitId(unit)),
    );
    if (!found) throw new Error(`no ${role} in ${unit ?? 'the bureau'}`);
    return found;
  };
  async function call<T>(who: PersonView, method: string, route: string, body?: unknown) {
    const token = tokens.get(who.username) ?? (await signIn(api, who.username, PASSWORD));
    tokens.set(who.username, token);
    const response = await fetch(`${api}${route}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...bearer(token),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  async function importPlan(year: number): Promise<StoredPlan> {
    const text = fs.readFileSync(
      path.join(root, 'samples/plans/2024-district-civil-affairs-work-plan.txt'),
      'utf8',
    );
    const imported = await call<StoredPlan>(person('supervisor'), 'POST', '/plans/import', {
      text,
      year,
    });
    expect(imported.status).toBe(201);
    return imported.body;
  }
  /**
   * Polls until `done`; a poll that throws (the database is being restarted) counts as not yet.
   * Fails naming `what` and the last value seen, so a stuck scenario says where it stuck.
   */
  async function until<T>(
    what: string,
    poll: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await poll();
        if (done(value)) return value;
        last = value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) {
        const seen = Array.isArray(last) ? statusCounts(last as OutboxRow[]) : last;
        throw new Error(`${what}: not within ${timeoutMs} ms; last seen ${JSON.stringify(seen)}`);
      }
      await sleep(250);
    }
  }
  const statusCounts = (rows: readonly OutboxRow[]) =>
    rows.reduce<Record<string, number>>(
      (counts, row) => ({ ...counts, [row.status]: (counts[row.status] ?? 0) + 1 }),
      {},
    );
  const planRows = async (...planIds: string[]) =>
    (await notifications.list({})).filter((row) => planIds.includes(row.planId));
  const waveRows = () => planRows(...plans.map((p) => p.id));
  const attemptsOf = (rows: readonly OutboxRow[]) => rows.reduce((n, r) => n + r.attempts, 0);
  const idOf = (row: OutboxRow) => messageIdFor(row.idempotencyKey, MAIL_FROM);
  /** Every message the SMTP server read in full (accepted, dropped or left unanswered). */
  async function received(): Promise<Received[]> {
    for (const raw of smtp?.received.slice(parsed.length) ?? []) parsed.push(await headersOf(raw));
    return parsed;
  }
  const timesReceived = (all: readonly Received[], id: string) =>
    all.filter((m) => m.messageId === id).length;
  /** The process id in the last "worker started/restarted (pid N)" line. */
  const workerPid = () =>
    Number(
      /\(pid (\d+)\)/.exec(
        run?.lines.filter((l) => /^worker (started|restarted) \(pid \d+\)$/.test(l)).at(-1) ?? '',
      )?.[1],
    );
  const health = () =>
    fetch(`${api}/health`, { signal: AbortSignal.timeout(5_000) }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { details: Record<string, { status: string }> },
    }));

  /** Ctrl-C, and if the stack has not stopped within its grace, SIGKILL to all it started. */
  async function stopStack(): Promise<void> {
    if (!run?.child.pid) return;
    const started = [run.child.pid, ...descendants(run.child.pid).map((p) => p.pid)];
    const stopped = await Promise.race([run.interrupt().then(() => true), sleep(40_000)]);
    if (stopped) return;
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  beforeAll(async () => {
    mariadb = await startPrivateMariaDb();
    databaseUrl = await mariadb.createDatabase('duban_fault');
    smtp = await startScriptedSmtpServer({
      mailReply: () => {
        if (!script.refusing) return '250 2.1.0 ok';
        script.refusals += 1;
        return '421 4.3.2 Service not available, closing transmission channel';
      },
      afterData: (message) => {
        const hook = script.onNextMessage;
        if (hook) {
          script.onNextMessage = null;
          hook(message);
          // Never answered: the sender is dead by now, its connection goes with it.
          return 'hold';
        }
        script.taken += 1;
        if (!DROPPED_AFTER_DATA.has(script.taken)) return 'accept';
        script.dropped.push(message);
        return 'drop';
      },
    });
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    run = runDuban(
      ['start'],
      cleanEnv({
        PORT: String(port),
        TEMPORAL_PORT: String(await freePort()),
        TEMPORAL_UI_PORT: String(await freePort()),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM,
        // Whatever the hour or day the tests run at, notices go out at once.
        QUIET_HOURS: 'none',
        // Retries after 1, 2, 4, 8, 16, 32 s: a minute of refusals costs about a minute.
        NOTIFY_RETRY_SECONDS: '1',
        NOTIFY_LEASE_SECONDS: String(LEASE_SECONDS),
      }),
    );
    await run.waitForLine(/已启动/, 150_000);
    dataSource = await openDataSource(parseEnv({ DATABASE_URL: databaseUrl }).database);
    notifications = new NotificationRepository(dataSource, new AuditRepository(dataSource));
    const org = await importSampleOrganisation(dataSource);
    people = org.people;
    unitId = org.unitId;
    const hash = await hashPassword(PASSWORD);
    for (const who of [person('supervisor'), person('staff', OWN_UNIT)]) {
      await org.org.setPassword(who.id, hash, null);
    }
    plans = [await importPlan(2027), await importPlan(2028)];
    plan = plans[0] as StoredPlan;
  }, 200_000);

  afterAll(async () => {
    script.onNextMessage = null;
    await stopStack();
    await dataSource?.destroy();
    await smtp?.close();
    await mariadb?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('retries every notice refused with 421 for a minute, through a Temporal dev server restart and a MariaDB restart, and leaves unknown only the messages dropped after DATA', async () => {
    const supervisor = person('supervisor');
    let expected = 0;
    for (const { id } of plans) {
      const preview = await call<ConfirmPreview>(supervisor, 'GET', `/plans/${id}/confirm-preview`);
      // Plans of the coming years: nothing is past, every notice is an assignment, due at once.
      expect(preview.body).toMatchObject({ items: 35, choiceRequired: false });
      expected += preview.body.notices.assignment;
    }
    expect(expected).toBeGreaterThanOrEqual(70);

    script.refusing = true;
    const refusalEnds = Date.now() + REFUSAL_MS;
    for (const { id } of plans) {
      expect((await call(supervisor, 'POST', `/plans/${id}/confirm`, {})).status).toBe(200);
    }
    await until(
      'every assignment notice queued and refused once',
      waveRows,
      (rows) => rows.length === expected && rows.every((r) => r.attempts >= 1),
      60_000,
    );

    // The dev server dies while the dispatcher is retrying; `duban start` brings it back.
    const temporal = descendants(run?.child.pid ?? -1).find((p) =>
      /temporal server start-dev/.test(p.args),
    );
    // Never kill(-1) or 0: that would signal every process this user may signal.
    if (!temporal) throw new Error('no Temporal dev server below duban start');
    const mark = run?.lines.length ?? 0;
    process.kill(temporal.pid, 'SIGKILL');
    await run?.waitForLine(/^temporal dev server restarted$/, 60_000, mark);
    const beforeTemporal = attemptsOf(await waveRows());
    await until(
      'a refused notice retried after the Temporal dev server restarted',
      waveRows,
      (rows) => attemptsOf(rows) > beforeTemporal,
      60_000,
    );

    // MariaDB is stopped when no sender holds a claim (a sender cut off from the database
    // while holding rows leaves them `unknown` by design, the lease, which the worker kill
    // below covers) and stays down while notices come due: the dispatcher's rounds fail until
    // it is back, and the stack must take up the work again by itself.
    await until(
      'a moment without claims and with nothing due for 4 s',
      waveRows,
      (rows) =>
        rows.every((r) => r.status === 'pending') &&
        Math.min(...rows.map((r) => Date.parse(r.dueAt))) > Date.now() + 4_000,
      60_000,
    );
    const quiet = await waveRows();
    const nextDue = Math.min(...quiet.map((r) => Date.parse(r.dueAt)));
    const databaseStopped = run?.lines.length ?? 0;
    await mariadb?.stop();
    const outage = await until(
      'health naming the database down',
      health,
      (answer) => answer.status === 503,
      15_000,
    );
    expect(outage.body.details['database']?.status).toBe('down');
    await sleep(Math.max(0, nextDue + 3_000 - Date.now()));
    await mariadb?.start();
    await until(
      'a refused notice retried after MariaDB restarted',
      waveRows,
      (rows) => attemptsOf(rows) > attemptsOf(quiet),
      60_000,
    );
    // The worker met the outage (its delivery round failed on the refused connection).
    expect(
      run?.lines
        .slice(databaseStopped)
        .some((line) => line.includes(`ECONNREFUSED 127.0.0.1:${mariadb?.port}`)),
    ).toBe(true);
    // Both restarts fell inside the minute of refusals.
    expect(Date.now()).toBeLessThan(refusalEnds);
    await sleep(refusalEnds - Date.now());
    script.refusing = false;

    const rows = await until(
      'every assignment notice sent or unknown',
      waveRows,
      (all) => all.every((r) => !UNSETTLED.has(r.status)),
      150_000,
    );
    const mail = await received();
    expect(script.refusals).toBeGreaterThanOrEqual(expected);
    expect(script.dropped).toHaveLength(DROPPED_AFTER_DATA.size);
    const dropped = await Promise.all(script.dropped.map(headersOf));
    // Each reached its recipient once: the refused ones later, the dropped ones before the drop.
    for (const row of rows) {
      const to = people.find((p) => p.id === row.recipientId)?.email;
      expect(mail.filter((m) => m.messageId === idOf(row))).toEqual([{ messageId: idOf(row), to }]);
    }
    // Each was refused at least once and tried again until the server took it.
    expect(rows.filter((r) => r.attempts < 2)).toEqual([]);
    expect(statusCounts(rows)).toEqual({
      sent: expected - dropped.length,
      unknown: dropped.length,
    });
    expect(
      rows
        .filter((r) => r.status === 'unknown')
        .map(idOf)
        .sort(),
    ).toEqual(dropped.map((m) => m.messageId).sort());
  }, 300_000);

  it('leaves the message a killed worker was sending unknown, sends nothing twice, and delivers what came after the restart', async () => {
    const staff = person('staff', OWN_UNIT);
    const mine = await call<Supervised[]>(staff, 'GET', `/plans/${plan.id}/supervision`);
    const items = mine.body.slice(0, 3);
    expect(items).toHaveLength(3);
    for (const item of items) {
      const route = `/plans/${plan.id}/items/${item.itemId}/commands`;
      expect((await call(staff, 'POST', route, { type: 'acknowledge' })).status).toBe(200);
    }
    const submit = (item: Supervised) =>
      call(staff, 'POST', `/plans/${plan.id}/items/${item.itemId}/commands`, {
        type: 'submitProgress',
        milestoneKey: item.milestones[0]?.key,
        text: '本季度进展已报送',
        progress: [],
        evidence: [],
      });

    const killed = workerPid();
    const mark = run?.lines.length ?? 0;
    // The worker dies after the server has read the whole message and before it can answer:
    // the message arrived, the outbox cannot know it.
    let inFlight = '';
    script.onNextMessage = (message) => {
      process.kill(killed, 'SIGKILL');
      inFlight = message;
    };
    const [first, ...later] = items as [Supervised, ...Supervised[]];
    expect((await submit(first)).status).toBe(200);
    await run?.waitForLine(/^worker exited \(signal SIGKILL\)/, 30_000, mark);
    // A statement the worker sent just before it died has been applied by then; the lease has
    // not run out, and no other sender can take these rows.
    await sleep(500);
    heldAtKill = await notifications.list({ status: 'sending' });
    await run?.waitForLine(/^\[worker\].*polling task queue/, 120_000, mark);
    for (const item of later) expect((await submit(item)).status).toBe(200);

    const rows = await until(
      'the approval requests sent or unknown',
      async () =>
        (await notifications.list({})).filter(
          (r) => r.kind === 'approval_request' && items.some((i) => i.itemId === r.itemId),
        ),
      (all) => all.length >= items.length && all.every((r) => !UNSETTLED.has(r.status)),
      90_000,
    );
    const mail = await received();
    expect(inFlight).not.toBe('');
    inFlightId = (await headersOf(inFlight)).messageId;
    // The dead worker held only the notice it was sending.
    expect(heldAtKill.map(idOf)).toEqual([inFlightId]);
    expect(timesReceived(mail, inFlightId)).toBe(1);
    const held = rows.find((r) => idOf(r) === inFlightId);
    expect(held).toMatchObject({ itemId: first.itemId, status: 'unknown' });
    expect(held?.lastResult).toBe(LEASE_LOST);
    const afterRestart = rows.filter((r) => r.itemId !== first.itemId);
    expect(afterRestart.length).toBeGreaterThanOrEqual(later.length);
    for (const row of afterRestart) {
      expect(row.status).toBe('sent');
      expect(timesReceived(mail, idOf(row))).toBe(1);
    }
  }, 240_000);

  it('ends with every notice sent exactly once or unknown and listed, and a new plan confirmed and told', async () => {
    expect(
      (await until('health 200', health, (answer) => answer.status === 200, 30_000)).status,
    ).toBe(200);
    const supervisor = person('supervisor');
    const next = await importPlan(2029);
    expect((await call(supervisor, 'POST', `/plans/${next.id}/confirm`, {})).status).toBe(200);
    const told = await until(
      'the new plan’s assignment notices sent',
      () => planRows(next.id),
      (rows) => rows.length >= 35 && rows.every((r) => r.status === 'sent'),
      60_000,
    );
    expect(told.length).toBeGreaterThanOrEqual(35);

    const rows = await notifications.list({});
    const mail = await received();
    expect(rows.filter((r) => r.channel !== 'email' || UNSETTLED.has(r.status))).toEqual([]);
    const dropped = await Promise.all(script.dropped.map(headersOf));
    const unknown = rows.filter((r) => r.status === 'unknown');
    // Unknown are exactly the messages dropped after DATA and the one the killed worker held.
    expect(unknown.map(idOf).sort()).toEqual(
      [...dropped.map((m) => m.messageId), ...heldAtKill.map(idOf)].sort(),
    );
    expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'unknown')).toEqual([]);
    for (const row of rows.filter((r) => r.status === 'sent')) {
      const to = people.find((p) => p.id === row.recipientId)?.email;
      expect(mail.filter((m) => m.messageId === idOf(row))).toEqual([{ messageId: idOf(row), to }]);
    }
    // No message reached the server twice, and none that the outbox does not know.
    const ids = mail.map((m) => m.messageId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !rows.some((r) => idOf(r) === id))).toEqual([]);

    const listed = await call<OutboxRow[]>(
      supervisor,
      'GET',
      '/notifications?status=unknown&limit=500',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((r) => r.id).sort()).toEqual(unknown.map((r) => r.id).sort());
    const cli = runDuban(
      ['mail', 'outbox', '--status', 'unknown', '--limit', '500'],
      cleanEnv({ DATABASE_URL: databaseUrl }),
    );
    expect(await cli.exited).toBe(0);
    const cliRows = cli.lines.filter((line) => line.startsWith('unknown'));
    expect(cliRows).toHaveLength(unknown.length);
    for (const row of unknown) {
      expect(cliRows.filter((line) => line.includes(row.recipientId)).length).toBeGreaterThan(0);
    }
    expect(run?.lines.filter((line) => /giving up|^stopping/.test(line))).toEqual([]);
  }, 240_000);
});

/** Message-ID and recipient address of a message as the server read it. */
async function headersOf(raw: string): Promise<Received> {
  const message = await simpleParser(Buffer.from(raw, 'latin1'));
  const to = Array.isArray(message.to) ? message.to[0] : message.to;
  return { messageId: message.messageId ?? '', to: to?.value[0]?.address ?? '' };
}
