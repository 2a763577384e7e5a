import * as net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PortClaim {
  readonly port: number;
  /** What needs the port and how to move it, e.g. "Duban API (set PORT)". */
  readonly purpose: string;
}

export class PortInUseError extends Error {
  constructor(readonly claim: PortClaim) {
    super(`port ${claim.port} is already in use; it is needed for ${claim.purpose}`);
    this.name = 'PortInUseError';
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

/** Fails before anything starts, naming the first port that is taken. */
export async function assertPortsFree(claims: readonly PortClaim[]): Promise<void> {
  for (const claim of claims) {
    if (!(await isFree(claim.port))) throw new PortInUseError(claim);
  }
}

/** A port the OS just handed out; for tests that must pick their ports before starting. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Probe = 'open' | 'refused' | 'unsure';

function probe(host: string, port: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    const settle = (result: Probe) => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => settle('open'));
    socket.once('timeout', () => settle('unsure'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      settle(error.code === 'ECONNREFUSED' ? 'refused' : 'unsure'),
    );
  });
}

/**
 * Resolves once `host:port` has refused connections `times` checks in a row: whatever listened
 * there has gone. A slow or timed-out connect is no proof on a busy machine and does not count.
 * Also resolves when `signal` aborts, so a watcher never outlives the server it watches.
 */
export async function untilRefused(
  host: string,
  port: number,
  {
    signal,
    intervalMs = 1_000,
    times = 2,
  }: { signal: AbortSignal; intervalMs?: number; times?: number },
): Promise<void> {
  let refused = 0;
  while (!signal.aborted) {
    refused = (await probe(host, port)) === 'refused' ? refused + 1 : 0;
    if (refused >= times) return;
    // Not ref'd: a watcher alone must not keep a process alive.
    await sleep(intervalMs, undefined, { signal, ref: false }).catch(() => undefined);
  }
}
