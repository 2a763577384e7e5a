import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Later releases carry a `replace` directive and cannot be built with `go install`. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSIONS = ['v1.5.1', 'v1.5.0', 'v1.4.1'] as const;

/** Where the dev server binary comes from: a file on this machine, or @temporalio/testing's download. */
export type TemporalExecutable =
  { readonly type: 'existing-path'; readonly path: string } | { readonly type: 'cached-download' };

type Progress = (line: string) => void;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function goBinDir(env: NodeJS.ProcessEnv): string | undefined {
  const go = onPath('go', env);
  if (!go) return undefined;
  try {
    const gopath = execFileSync(go, ['env', 'GOPATH'], { env, encoding: 'utf8' }).trim();
    return gopath ? path.join(gopath.split(path.delimiter)[0] ?? gopath, 'bin') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Looks for the Temporal CLI in order: $TEMPORAL_CLI, `temporal` on PATH, $(go env GOPATH)/bin.
 */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['TEMPORAL_CLI'];
  if (explicit) {
    if (isExecutable(explicit)) return path.resolve(explicit);
    throw new Error(`TEMPORAL_CLI points to ${explicit}, which is not an executable file`);
  }
  const fromPath = onPath('temporal', env);
  if (fromPath) return fromPath;
  const goBin = goBinDir(env);
  const built = goBin && path.join(goBin, 'temporal');
  return built && isExecutable(built) ? built : undefined;
}

function goInstall(
  go: string,
  version: string,
  env: NodeJS.ProcessEnv,
  progress: Progress,
  signal?: AbortSignal,
) {
  return new Promise<{ ok: boolean; output: string }>((resolve) => {
    const child = spawn(go, ['install', `${TEMPORAL_CLI_MODULE}@${version}`], {
      env,
      signal,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const started = Date.now();
    const ticker = setInterval(
      () =>
        progress(
          `  still building Temporal CLI ${version} (${Math.round((Date.now() - started) / 1000)} s)…`,
        ),
      15_000,
    );
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearInterval(ticker);
      resolve({ ok: false, output: String(error) });
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      resolve({ ok: code === 0, output });
    });
  });
}

/**
 * Finds the Temporal CLI, or builds it with Go (trying the pinned versions in order), or, with
 * no Go at all, falls back to the binary that @temporalio/testing downloads.
 */
export async function ensureTemporalCli(
  progress: Progress,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<TemporalExecutable> {
  const found = findTemporalCli(env);
  if (found) return { type: 'existing-path', path: found };
  const go = onPath('go', env);
  if (!go) {
    progress(
      'Go is not installed: the Temporal dev server will be downloaded by @temporalio/testing',
    );
    return { type: 'cached-download' };
  }
  const failures: string[] = [];
  for (const version of TEMPORAL_CLI_VERSIONS) {
    signal?.throwIfAborted();
    progress(
      `building Temporal CLI ${version} with go install (first time only, takes a few minutes)…`,
    );
    const result = await goInstall(go, version, env, progress, signal);
    signal?.throwIfAborted();
    const built = findTemporalCli(env);
    if (result.ok && built) {
      progress(`Temporal CLI ready: ${built}`);
      return { type: 'existing-path', path: built };
    }
    failures.push(`${version}: ${result.output.trim().split('\n').slice(-3).join(' | ')}`);
  }
  throw new Error(`could not build the Temporal CLI:\n${failures.join('\n')}`);
}
