import * as net from 'node:net';
import { assertPortsFree, freePort, PortInUseError, untilRefused } from './ports';

describe('assertPortsFree', () => {
  it('passes when every port is free', async () => {
    await expect(
      assertPortsFree([{ port: await freePort(), purpose: 'x' }]),
    ).resolves.toBeUndefined();
  });

  it('names the first port that is taken and what needed it', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const attempt = assertPortsFree([
        { port: await freePort(), purpose: 'the SMTP sink' },
        { port, purpose: 'the Duban API (set PORT to move it)' },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(
        `port ${port} is already in use; it is needed for the Duban API (set PORT to move it)`,
      );
    } finally {
      taken.close();
    }
  });
});

describe('untilRefused', () => {
  const settled = (promise: Promise<void>, ms: number) =>
    Promise.race([
      promise.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
    ]);

  it('waits while the port is served, and resolves once nothing listens there', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const stop = new AbortController();
    const gone = untilRefused('127.0.0.1', port, { signal: stop.signal, intervalMs: 10 });
    try {
      expect(await settled(gone, 200)).toBe(false);
      server.close();
      expect(await settled(gone, 2_000)).toBe(true);
    } finally {
      stop.abort();
      server.close();
    }
  });

  it('resolves when told to stop watching', async () => {
    const stop = new AbortController();
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const watching = untilRefused('127.0.0.1', port, { signal: stop.signal, intervalMs: 10 });
      stop.abort();
      expect(await settled(watching, 500)).toBe(true);
    } finally {
      server.close();
    }
  });
});
