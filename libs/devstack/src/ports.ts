import * as net from 'node:net';

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
