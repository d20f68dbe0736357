import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/server/startCheckoutServer';

describe('listen', () => {
  it('refuses a port another process holds with an error its caller words, not an unhandled error event', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      await expect(listen(() => new Response('never'), port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      taken.close();
    }
  });
});
