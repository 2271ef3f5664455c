import { createServer } from 'node:net';

/**
 * Asks the kernel for an unused port. The gateway at --log-level warn does not log its
 * address, so the bench picks ports itself instead of reading them back from logs.
 */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
