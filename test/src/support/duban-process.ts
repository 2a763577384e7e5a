import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

const root = path.resolve(__dirname, '../../..');
const dubanBin = path.join(root, 'apps/cli/bin/duban.js');

/** Variables the test stack sets for in-process tests; a spawned system gets only what a test gives it. */
const stackVariables = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'SMTP_URL',
  'PORT',
  'DATA_DIR',
];
/** Nx forces colours on; the test reads what a spawned system prints, so no colour codes. */
const colourVariables = ['FORCE_COLOR'];

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  [...stackVariables, ...colourVariables].forEach((name) => delete env[name]);
  return { ...env, ...extra };
}

export interface DubanRun {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** The first line matching `pattern`, looking only from line index `from` on. */
  waitForLine(pattern: RegExp, timeoutMs: number, from?: number): Promise<string>;
  /** Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group. */
  interrupt(): Promise<number | null>;
}

/** Runs `duban ARGS` as a user would, in its own process group. */
export function runDuban(args: string[], env: NodeJS.ProcessEnv): DubanRun {
  const child = spawn(process.execPath, [dubanBin, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      waiters.forEach((check) => check());
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const waitForLine = (pattern: RegExp, timeoutMs: number, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join('\n')}`),
        );
      }, timeoutMs);
      const check = () => {
        const line = lines.slice(from).find((l) => pattern.test(l));
        if (line === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(line);
      };
      waiters.add(check);
      check();
      void exited.then(() => setTimeout(check, 50));
    });
  const interrupt = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    return exited;
  };
  return { child, lines, exited, waitForLine, interrupt };
}

/** Every process below `pid`, found through `ps`. */
export function descendants(pid: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
  const found: { pid: number; args: string }[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      queue.push(row.pid);
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
