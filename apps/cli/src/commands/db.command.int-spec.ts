import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';

const root = path.resolve(__dirname, '../../../..');

function duban(args: string[], env: Record<string, string>) {
  const inherited = { ...process.env };
  delete inherited['DATABASE_URL'];
  return spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/duban.js'), ...args], {
    cwd: root,
    env: { ...inherited, ...env },
    encoding: 'utf8',
  });
}

describe('npx duban db migrate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the embedded database under DATA_DIR and applies the migrations, then nothing', () => {
    const first = duban(['db', 'migrate'], { DATA_DIR: dir });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/\[1\/\d+\] applied CreateDiagnosticProbe/);
    const db = new Database(path.join(dir, 'duban.sqlite'), { readonly: true });
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'diagnostic_probe'").all(),
    ).toHaveLength(1);
    db.close();
    const second = duban(['db', 'migrate'], { DATA_DIR: dir });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('exits 1 with one line on stderr for a bad DATABASE_URL', () => {
    const run = duban(['db', 'migrate'], { DATABASE_URL: 'mysql:/nohost' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'duban: Invalid environment variable DATABASE_URL: expected mysql://user:password@host:port/database or sqlite:path/to/file (got "mysql:/nohost")',
    ]);
  });

  it('exits 1 naming an unknown command', () => {
    const run = duban(['db', 'drop'], {});
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/unknown command 'drop'/);
  });
});
