import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import { AuditRepository, OrgRepository, openDataSource } from '@duban/persistence';
import { verifyPassword } from '@duban/security';
import { LATIN1_DATABASE, createTestDatabase, type TestDatabase } from '@duban/testing';
import { readOrganisationFile } from './org.command';

const root = path.resolve(__dirname, '../../../..');
const sampleOrg = path.join(root, 'samples/org/district-civil-affairs-bureau.yaml');

function spawnDuban(databaseUrl: string, dataDir: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/duban.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
    encoding: 'utf8',
    input,
  });
}

describe('npx duban org import and user create (MariaDB)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-org-cli-'));
  let database: TestDatabase;
  let dataSource: DataSource;
  let org: OrgRepository;

  function duban(args: string[], input?: string) {
    return spawnDuban(database.url, dir, args, input);
  }

  beforeAll(async () => {
    database = await createTestDatabase('duban_org_cli');
    const first = duban(['db', 'migrate']);
    expect(first.status).toBe(0);
    dataSource = await openDataSource(parseEnv({ DATABASE_URL: database.url }).database);
    org = new OrgRepository(dataSource, new AuditRepository(dataSource));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports the sample organisation, and a second import changes nothing', async () => {
    const first = duban(['org', 'import', sampleOrg]);
    expect(first.stderr).not.toMatch(/duban:/);
    expect(first.status).toBe(0);
    const units = (await org.listUnits()).length;
    const people = (await org.listPeople()).length;
    expect(first.stdout).toContain(`单位 ${units} 个（新建 ${units}，更新 0）`);
    expect(first.stdout).toContain(`人员 ${people} 名（新建 ${people}，更新 0）`);
    const elderly = (await org.listUnits()).find((u) => u.name === '养老服务科');
    expect(elderly?.headId).not.toBeNull();
    const second = duban(['org', 'import', sampleOrg]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('（新建 0，更新 0）');
    expect((await org.listPeople()).length).toBe(people);
    const trail = await new AuditRepository(dataSource).list({ action: 'org.import', limit: 10 });
    expect(trail.map((r) => r.actorName)).toEqual([
      `cli:${os.userInfo().username}`,
      `cli:${os.userInfo().username}`,
    ]);
  });

  it('exits 1 naming the field of a broken file, and imports none of it', async () => {
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(
      broken,
      fs
        .readFileSync(sampleOrg, 'utf8')
        .replace(/^units:\n/m, 'units:\n  - code: new-unit\n    name: 新单位\n')
        .replace(/email: (\S+)/, 'email: not-an-email'),
    );
    const units = (await org.listUnits()).length;
    const run = duban(['org', 'import', broken]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^duban: 组织文件 .*broken\.yaml 有误：people\[0\]\.email：不是有效的电子邮箱/,
    );
    expect((await org.listUnits()).length).toBe(units);
  });

  it('exits 1 for a file that does not exist', () => {
    const run = duban(['org', 'import', path.join(dir, 'missing.yaml')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^duban: 无法读取组织文件 .*ENOENT/);
  });

  it('creates the first admin with a generated password shown once, hashed with argon2id', async () => {
    const run = duban([
      'user',
      'create',
      '--admin',
      '--username',
      'root-admin',
      '--name',
      '管理员',
      '--email',
      'root@example.gov.cn',
    ]);
    expect(run.stderr).not.toMatch(/duban:/);
    expect(run.status).toBe(0);
    const password = /初始密码（只显示这一次）：(\S+)/.exec(run.stdout)?.[1] ?? '';
    const person = await org.findPersonBy({ username: 'root-admin' });
    expect(person?.roles).toEqual(['admin']);
    expect(person?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(person?.passwordHash ?? '', password)).toBe(true);
  });

  it('reads the password from stdin when asked, and refuses a weak one', async () => {
    const args = [
      'user',
      'create',
      '--role',
      'auditor',
      '--unit',
      'office',
      '--username',
      'audit2',
      '--name',
      '审计',
      '--email',
      'audit2@example.gov.cn',
      '--password-stdin',
    ];
    const weak = duban(args, 'weak\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/^duban: 密码至少 10 个字符/);
    expect(await org.findPersonBy({ username: 'audit2' })).toBeNull();
    const strong = duban(args, 'Strong-Passw0rd\n');
    expect(strong.status).toBe(0);
    expect(strong.stdout).not.toContain('Strong-Passw0rd');
    const person = await org.findPersonBy({ username: 'audit2' });
    expect(await verifyPassword(person?.passwordHash ?? '', 'Strong-Passw0rd')).toBe(true);
  });

  it.each([
    [['--username', 'root-admin', '--admin'], /用户名“root-admin”已存在/],
    [['--username', 'no-role'], /至少一个角色/],
    [['--username', 'Bad.Name', '--admin'], /user\.username/],
    [['--username', 'x-unit', '--admin', '--unit', 'nowhere'], /单位代码 nowhere 不存在/],
  ])('exits 1 with one line for %j', (extra, message) => {
    const run = duban([
      'user',
      'create',
      '--name',
      '某人',
      '--email',
      'a@example.gov.cn',
      ...extra,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('npx duban org import on a database whose default is latin1 (MariaDB)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-org-latin1-'));
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('duban_org_latin1', LATIN1_DATABASE);
  });

  afterAll(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates it and stores the Chinese names of units and people as written', async () => {
    const run = spawnDuban(database.url, dir, ['org', 'import', sampleOrg]);
    expect(run.stderr).not.toMatch(/duban:/);
    expect(run.status).toBe(0);
    const dataSource = await openDataSource(parseEnv({ DATABASE_URL: database.url }).database);
    try {
      const org = new OrgRepository(dataSource, new AuditRepository(dataSource));
      const written = readOrganisationFile(sampleOrg);
      const names = (list: readonly { name: string }[]) => list.map((x) => x.name).sort();
      expect(names(await org.listUnits())).toEqual(names(written.units));
      expect(names(await org.listPeople())).toEqual(names(written.people));
    } finally {
      await dataSource.destroy();
    }
  });
});
