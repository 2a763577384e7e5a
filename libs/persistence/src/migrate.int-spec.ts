import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { parseEnv, type DatabaseConfig } from '@duban/config';
import { readOrganisation } from '@duban/domain';
import { parsePlanText, type ParsedPlan } from '@duban/plan-parser';
import {
  LATIN1_DATABASE,
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseCharset,
} from '@duban/testing';
import { dataSourceOptions, openDataSource } from './data-source';
import { migrateDatabase } from './migrate';
import { ConvertToUtf8mb41796106167309 } from './migrations/1796106167309-ConvertToUtf8mb4';
import { AuditRepository } from './repositories/audit.repository';
import { DiagnosticProbeRepository } from './repositories/diagnostic-probe.repository';
import { OrgRepository } from './repositories/org.repository';
import { PlanRepository, type StoredPlan } from './repositories/plan.repository';
import { SAMPLE_ORG_FILE, importSampleOrganisation } from './sample-organisation';
import { MIGRATIONS } from './schema';

const PLAN_TABLES = ['plan', 'plan_section', 'plan_item', 'plan_target'];
const samplePath = path.resolve(
  __dirname,
  '../../../samples/plans/2024-district-civil-affairs-work-plan.txt',
);

function parsedSample(): ParsedPlan {
  const result = parsePlanText(fs.readFileSync(samplePath, 'utf8'));
  if (!result.ok) throw new Error(`the sample plan does not parse: ${JSON.stringify(result)}`);
  return result.plan;
}

/** The stored plan in the parser's shape: what must survive a round trip through the tables. */
function asParsed(plan: StoredPlan): ParsedPlan {
  const { title, year, preamble, warnings, sections } = plan;
  const withoutIds = JSON.stringify(sections, (key, value: unknown) =>
    key === 'id' || key === 'responsibility' ? undefined : value,
  );
  return {
    title,
    year,
    preamble,
    warnings,
    sections: JSON.parse(withoutIds) as ParsedPlan['sections'],
  };
}

interface Driver {
  readonly name: string;
  setUp(): Promise<DatabaseConfig>;
  tearDown(): Promise<void>;
}

function mysqlDriver(name = 'MariaDB (mysql2)', charset?: TestDatabaseCharset): Driver {
  let database: TestDatabase | undefined;
  return {
    name,
    setUp: async () => {
      database = await createTestDatabase('duban_migrate', charset);
      return parseEnv({ DATABASE_URL: database.url }).database;
    },
    tearDown: async () => database?.drop(),
  };
}

function sqliteDriver(): Driver {
  let dir: string | undefined;
  return {
    name: 'SQLite (better-sqlite3)',
    setUp: async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-sqlite-'));
      return { type: 'better-sqlite3', path: path.join(dir, 'nested', 'duban.sqlite') };
    },
    tearDown: async () => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each([
  mysqlDriver(),
  mysqlDriver('MariaDB (mysql2), a database whose default is latin1', LATIN1_DATABASE),
  sqliteDriver(),
])('migrations on $name', (driver) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource(await driver.setUp());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await driver.tearDown();
  });

  it('start from an empty database and apply every migration once', async () => {
    expect(await dataSource.createQueryRunner().hasTable('diagnostic_probe')).toBe(false);
    const progress: string[] = [];
    const applied = await migrateDatabase(dataSource, (line) => progress.push(line));
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(progress.at(-1)).toContain(`applied ${MIGRATIONS.at(-1)?.name}`);
    expect(await dataSource.createQueryRunner().hasTable('diagnostic_probe')).toBe(true);
  });

  it('do nothing the second time', async () => {
    expect(await migrateDatabase(dataSource, () => undefined)).toEqual([]);
  });

  it('leave a schema the entities match (no pending schema changes)', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('store Chinese text and keep the probe write idempotent by request id', async () => {
    const probes = new DiagnosticProbeRepository(dataSource);
    const probe = { requestId: 'req-1', note: '督办自检𠮷', workflowId: 'diagnostic/req-1' };
    const first = await probes.record(probe, new Date('2026-01-02T03:04:05.678Z'));
    const again = await probes.record(probe, new Date('2026-06-01T00:00:00Z'));
    expect(again).toEqual(first);
    expect(await probes.findByRequestId('req-1')).toEqual(first);
    expect(first).toMatchObject({ note: '督办自检𠮷', recordedAt: '2026-01-02T03:04:05.678Z' });
    expect(await dataSource.getRepository('diagnostic_probe').count()).toBe(1);
  });

  describe('plans', () => {
    const parsed = parsedSample();
    const at = new Date('2026-03-01T08:00:00.123Z');
    let plans: PlanRepository;
    let stored: StoredPlan;

    beforeAll(() => {
      plans = new PlanRepository(dataSource, new AuditRepository(dataSource));
    });

    it('store a parsed plan as a draft and read it back unchanged', async () => {
      const saved = await plans.save(
        { contentHash: 'a'.repeat(64), sourceName: 'x.txt', plan: parsed },
        at,
        null,
      );
      expect(saved.created).toBe(true);
      stored = saved.plan;
      expect(asParsed(stored)).toEqual(parsed);
      expect(stored).toMatchObject({
        status: 'draft',
        sourceName: 'x.txt',
        createdAt: '2026-03-01T08:00:00.123Z',
        updatedAt: '2026-03-01T08:00:00.123Z',
        confirmedAt: null,
      });
      expect(await plans.findById(stored.id)).toEqual(stored);
      expect(await plans.findByHash('a'.repeat(64))).toEqual(stored);
    });

    it('answer the stored plan for the same content hash instead of storing a second one', async () => {
      const again = await plans.save(
        { contentHash: 'a'.repeat(64), sourceName: null, plan: parsed },
        new Date(),
        null,
      );
      expect(again).toEqual({ plan: stored, created: false });
      expect(await dataSource.getRepository('plan').count()).toBe(1);
    });

    it('write nothing of a plan whose rows break a constraint', async () => {
      const [first] = parsed.sections;
      if (!first) throw new Error('the sample has no section');
      const broken = {
        ...parsed,
        sections: [
          { ...first, items: [...first.items, ...first.items] },
          ...parsed.sections.slice(1),
        ],
      };
      await expect(
        plans.save({ contentHash: 'b'.repeat(64), sourceName: null, plan: broken }, at, null),
      ).rejects.toThrow();
      const counts = await Promise.all(
        PLAN_TABLES.map((table) => dataSource.getRepository(table).count()),
      );
      expect(counts).toEqual([
        1,
        9,
        35,
        stored.sections.flatMap((s) => s.items).flatMap((i) => i.targets).length,
      ]);
    });

    it('list plans with their counts', async () => {
      const targets = stored.sections.flatMap((s) => s.items).flatMap((i) => i.targets).length;
      expect(targets).toBeGreaterThan(0);
      expect(await plans.list()).toEqual([
        {
          id: stored.id,
          title: '区民政局2024年工作要点',
          year: 2024,
          status: 'draft',
          sourceName: 'x.txt',
          counts: { sections: 9, items: 35, targets },
          createdAt: stored.createdAt,
          confirmedAt: null,
        },
      ]);
    });

    it('edit a draft: section title, item fields, and the whole target list', async () => {
      const item = stored.sections[1]?.items[0];
      if (!item) throw new Error('the sample has no item in section 2');
      const later = new Date('2026-03-02T00:00:00Z');
      expect(await plans.updateSectionTitle(stored.id, 2, '社会救助', later, null)).toBe(true);
      expect(
        await plans.updateItem(
          stored.id,
          item.id,
          { due: '2024-06-30', dueSource: null, suggestedUnit: null },
          later,
          null,
        ),
      ).toBe(true);
      const target = {
        text: '',
        quantity: 1.5,
        unit: '万元',
        comparator: 'gte' as const,
        subject: '救助资金',
        per: '户',
      };
      expect(
        await plans.replaceTargets(
          stored.id,
          item.id,
          [target, { ...target, quantity: 2 }],
          later,
          null,
        ),
      ).toBe(true);
      const edited = await plans.findById(stored.id);
      expect(edited?.updatedAt).toBe(later.toISOString());
      expect(edited?.sections[1]?.title).toBe('社会救助');
      expect(edited?.sections[1]?.items[0]).toEqual({
        ...item,
        due: '2024-06-30',
        dueSource: null,
        suggestedUnit: null,
        targets: [target, { ...target, quantity: 2 }],
      });
    });

    it('confirm once, and then refuse every edit', async () => {
      const item = stored.sections[0]?.items[0];
      if (!item) throw new Error('the sample has no item');
      const before = await plans.findById(stored.id);
      expect(await plans.confirm(stored.id, new Date('2026-03-03T00:00:00Z'), null)).toBe(true);
      expect(await plans.confirm(stored.id, new Date('2026-03-04T00:00:00Z'), null)).toBe(false);
      const now = new Date('2026-03-05T00:00:00Z');
      expect(await plans.updateSectionTitle(stored.id, 1, '改', now, null)).toBe(false);
      expect(await plans.updateItem(stored.id, item.id, { title: '改' }, now, null)).toBe(false);
      expect(await plans.replaceTargets(stored.id, item.id, [], now, null)).toBe(false);
      expect(await plans.findById(stored.id)).toEqual({
        ...before,
        status: 'confirmed',
        confirmedAt: '2026-03-03T00:00:00.000Z',
        updatedAt: '2026-03-03T00:00:00.000Z',
      });
    });

    it('record each change in the audit trail, and nothing for a refused edit', async () => {
      const trail = await new AuditRepository(dataSource).list({ limit: 100 });
      expect(trail.map((r) => [r.action, r.targetType])).toEqual([
        ['plan.import', 'plan'],
        ['plan.edit-section', 'section'],
        ['plan.edit-item', 'item'],
        ['plan.replace-targets', 'item'],
        ['plan.confirm', 'plan'],
      ]);
      expect(JSON.parse(trail[2]?.before ?? 'null')).toMatchObject({ due: expect.any(String) });
      expect(JSON.parse(trail[2]?.after ?? 'null')).toMatchObject({ due: '2024-06-30' });
      expect((await new AuditRepository(dataSource).verify()).ok).toBe(true);
    });

    it('delete a plan with its sections, items and targets', async () => {
      await dataSource.getRepository('plan').delete({ id: stored.id });
      const counts = await Promise.all(
        PLAN_TABLES.map((table) => dataSource.getRepository(table).count()),
      );
      expect(counts).toEqual([0, 0, 0, 0]);
    });
  });

  it('revert every migration with its down step', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await dataSource.undoLastMigration();
    const runner = dataSource.createQueryRunner();
    for (const table of ['diagnostic_probe', ...PLAN_TABLES]) {
      expect([table, await runner.hasTable(table)]).toEqual([table, false]);
    }
    await runner.release();
  });
});

describe('a MariaDB database migrated while its default was latin1', () => {
  const sampleNames = (key: 'units' | 'people') =>
    readOrganisation(parse(fs.readFileSync(SAMPLE_ORG_FILE, 'utf8')))
      [key].map((x) => x.name)
      .sort();
  let database: TestDatabase;
  let dataSource: DataSource;
  let foreignKeysBefore: unknown[];

  const foreignKeys = () =>
    dataSource.query(
      `SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, DELETE_RULE
         FROM information_schema.REFERENTIAL_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY CONSTRAINT_NAME`,
    ) as Promise<unknown[]>;

  beforeAll(async () => {
    database = await createTestDatabase('duban_latin1', LATIN1_DATABASE);
    const config = parseEnv({ DATABASE_URL: database.url }).database;
    // The state of a database the conversion finds: every earlier migration applied in latin1,
    // and data that latin1 could hold.
    dataSource = await new DataSource({
      ...dataSourceOptions(config),
      migrations: MIGRATIONS.filter((m) => m !== ConvertToUtf8mb41796106167309),
    }).initialize();
    await migrateDatabase(dataSource, () => undefined);
    await new OrgRepository(dataSource, new AuditRepository(dataSource)).importOrganisation(
      readOrganisation({
        units: [{ code: 'cafe', name: 'Café', head: 'zoe' }],
        people: [
          {
            username: 'zoe',
            name: 'Zoë',
            unit: 'cafe',
            email: 'zoe@example.org',
            roles: ['staff'],
          },
        ],
      }),
      null,
    );
    foreignKeysBefore = await foreignKeys();
    await dataSource.destroy();
    dataSource = await openDataSource(config);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('is converted to utf8mb4 by the next migration: tables, columns and the database default', async () => {
    expect(await migrateDatabase(dataSource, () => undefined)).toEqual([
      new ConvertToUtf8mb41796106167309().name,
    ]);
    expect(
      await dataSource.query(
        `SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation
           FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`,
      ),
    ).toEqual([{ charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' }]);
    expect(
      await dataSource.query(
        `SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_COLLATION <> 'utf8mb4_unicode_ci'`,
      ),
    ).toEqual([]);
    expect(
      await dataSource.query(
        `SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME <> 'utf8mb4_unicode_ci'`,
      ),
    ).toEqual([]);
  });

  it('keeps its foreign keys, its rows and an audit chain that verifies', async () => {
    expect(foreignKeysBefore.length).toBeGreaterThan(0);
    expect(await foreignKeys()).toEqual(foreignKeysBefore);
    const org = new OrgRepository(dataSource, new AuditRepository(dataSource));
    const [unit] = await org.listUnits();
    expect(unit).toMatchObject({ code: 'cafe', name: 'Café' });
    expect(await org.listPeople()).toEqual([
      expect.objectContaining({ username: 'zoe', name: 'Zoë', unitId: unit?.id }),
    ]);
    expect(unit?.headId).toBe((await org.listPeople())[0]?.id);
    expect((await new AuditRepository(dataSource).verify()).ok).toBe(true);
  });

  it('leaves a schema the entities match (TEXT stays TEXT)', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('talks utf8mb4 on its connections', async () => {
    expect(
      await dataSource.query(
        `SELECT @@character_set_client AS client, @@character_set_connection AS connection,
                @@character_set_results AS results, @@collation_connection AS collation`,
      ),
    ).toEqual([
      {
        client: 'utf8mb4',
        connection: 'utf8mb4',
        results: 'utf8mb4',
        collation: 'utf8mb4_unicode_ci',
      },
    ]);
  });

  it('stores the sample organisation with its Chinese names as written', async () => {
    const sample = await importSampleOrganisation(dataSource);
    const names = (list: readonly { name: string }[]) => list.map((x) => x.name).sort();
    expect(names(sample.units)).toEqual([...sampleNames('units'), 'Café'].sort());
    expect(names(sample.people)).toEqual([...sampleNames('people'), 'Zoë'].sort());
  });

  it('keeps four-byte characters in text columns', async () => {
    const audit = new AuditRepository(dataSource);
    const text = '𠀀 督办 😀';
    const record = await audit.append({
      action: 'test.four-byte',
      outcome: 'ok',
      actor: null,
      targetType: null,
      targetId: null,
      reason: text,
      after: { note: text },
    });
    const [stored] = await audit.list({ action: 'test.four-byte', limit: 1 });
    expect(stored).toEqual(record);
    expect(stored?.reason).toBe(text);
    expect(JSON.parse(stored?.after ?? 'null')).toEqual({ note: text });
    expect((await audit.verify()).ok).toBe(true);
  });
});
