import * as net from 'node:net';
import { assertPortsFree, freePort, PortInUseError } from './ports';

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
