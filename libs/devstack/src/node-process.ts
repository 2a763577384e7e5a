import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { SupervisedChild } from './supervisor';

const workspaceRoot = path.resolve(__dirname, '../../..');

export interface NodeProcess extends SupervisedChild {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs a TypeScript entry point of this workspace in its own Node process, prefixing each output
 * line with the process name. Own process group, so a Ctrl-C reaches only the supervisor, which
 * then stops everything in order.
 */
export function startNodeProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  output: (line: string) => void,
): NodeProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(workspaceRoot, entry)],
    {
      cwd: workspaceRoot,
      env: { ...env, SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.base.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      readline.createInterface({ input: stream }).on('line', (line) => output(`[${name}] ${line}`));
  }
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, pid: child.pid, exited, stop };
}
