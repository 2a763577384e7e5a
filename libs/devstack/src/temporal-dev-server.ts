import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { untilRefused } from './ports';
import type { SupervisedChild } from './supervisor';
import type { TemporalExecutable } from './temporal-cli';

export interface TemporalDevServerOptions {
  readonly executable: TemporalExecutable;
  readonly namespace: string;
  /** Frontend gRPC port; a free one is chosen when omitted. */
  readonly port?: number;
  /** Web UI port; no UI when omitted. */
  readonly uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when omitted. */
  readonly dbFile?: string;
}

export interface TemporalDevServer extends SupervisedChild {
  readonly address: string;
  readonly namespace: string;
  /**
   * Resolves once the frontend refuses connections (the server has gone), or once stopped. The
   * SDK runs the server without telling its exit, so its port is what can be watched.
   */
  readonly exited: Promise<string>;
}

/** Same settings for `npm start` and the tests: WAL keeps the persistent store fast and safe. */
export const SQLITE_PRAGMAS = ['journal_mode=WAL', 'synchronous=NORMAL'] as const;

/** Starts the Temporal CLI dev server and resolves once its frontend answers. */
export async function startTemporalDevServer(
  options: TemporalDevServerOptions,
): Promise<TemporalDevServer> {
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const extraArgs = options.dbFile
    ? SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma])
    : [];
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: options.executable,
      namespace: options.namespace,
      ip: '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      extraArgs,
      log: { format: 'pretty', level: 'error' },
    },
  });
  const stopped = new AbortController();
  const colon = env.address.lastIndexOf(':');
  const host = env.address.slice(0, colon);
  const port = Number(env.address.slice(colon + 1));
  const exited = untilRefused(host, port, { signal: stopped.signal }).then(() =>
    stopped.signal.aborted ? 'stopped' : `stopped answering on ${env.address}`,
  );
  let teardown: Promise<void> | undefined;
  return {
    address: env.address,
    namespace: options.namespace,
    exited,
    stop: () => {
      stopped.abort();
      // Once only: a supervisor releases a server that died, and may be stopped afterwards.
      teardown ??= env.teardown();
      return teardown;
    },
  };
}
