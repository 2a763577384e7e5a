import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from '@duban/devstack';

/** Server binaries live in sbin, which is not on every user's PATH. */
const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/libexec', '/usr/local/mysql/bin'];
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

export interface PrivateMariaDb {
  readonly port: number;
  /** `mariadb://root@127.0.0.1:PORT/DATABASE` */
  url(database: string): string;
  /** Creates an empty utf8mb4 database and answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** The server process's id while it runs. */
  readonly pid: number | undefined;
  /** SIGTERM, as a service manager stops it, and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts the server again on the same data directory and port; resolves once it answers. */
  start(): Promise<void>;
  /** Stops the server (SIGKILL if it will not stop) and removes its directory. */
  destroy(): Promise<void>;
}

function findExecutable(names: readonly string[]): string {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), ...SEARCH_DIRS];
  for (const dir of dirs.filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // Not here; look further.
      }
    }
  }
  throw new Error(`none of ${names.join(', ')} found on PATH or in ${SEARCH_DIRS.join(', ')}`);
}

/** mariadbd refuses to run as root unless told to, and ignores the switch for anyone else. */
const asRoot = () => (process.getuid?.() === 0 ? ['--user=root'] : []);

/**
 * A MariaDB server of the test's own, on a free loopback port with its data under a temp
 * directory, which the test may stop and start as an operator would restart a database server.
 * The shared server other tests use is never touched.
 */
export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-mariadb-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  // Small redo log and buffer pool: the instance lives for one test on a shared machine.
  const sizes = ['--innodb-log-file-size=16M', '--innodb-buffer-pool-size=64M'];
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;

  const run = async () => {
    const log = fs.openSync(logFile, 'a');
    const child = spawn(
      findExecutable(['mariadbd', 'mysqld']),
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--port=${port}`,
        `--socket=${path.join(dir, 'mysqld.sock')}`,
        `--pid-file=${path.join(dir, 'mysqld.pid')}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        ...sizes,
        ...asRoot(),
      ],
      { stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    server = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`mariadbd exited at start:\n${fs.readFileSync(logFile, 'utf8')}`);
      }
      try {
        const connection = await createConnection({ host: '127.0.0.1', port, user: 'root' });
        await connection.end();
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`mariadbd did not answer within ${READY_TIMEOUT_MS} ms: ${error}`);
        }
        await sleep(100);
      }
    }
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    await promisify(execFile)(findExecutable(['mariadb-install-db', 'mysql_install_db']), [
      '--no-defaults',
      `--datadir=${dataDir}`,
      // root without a password over TCP, as the shared test server has it.
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...asRoot(),
      ...sizes,
    ]);
    port = await freePort();
    await run();
  } catch (error) {
    await stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: (database) => `mariadb://root@127.0.0.1:${port}/${database}`,
    createDatabase: async (name) => {
      const connection = await createConnection({ host: '127.0.0.1', port, user: 'root' });
      try {
        await connection.query(
          `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        );
      } finally {
        await connection.end();
      }
      return `mariadb://root@127.0.0.1:${port}/${name}`;
    },
    get pid() {
      return server?.exitCode === null && server.signalCode === null ? server.pid : undefined;
    },
    stop: () => stop(),
    start: run,
    destroy: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
