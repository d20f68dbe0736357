import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { RunningServer } from '../../../src/server';

const tls = (name: string) => readFileSync(new URL(`tls/${name}`, import.meta.url));

/** A TLS ClientHello starts with the handshake record type; plain HTTP starts with a method's letter. */
const TLS_HANDSHAKE = 0x16;

/**
 * Serves `fetch` over http and https on the same port, so a test can load a page from an origin that differs
 * from the real one in its scheme alone. The certificate is a self-signed one for localhost and *.test, made
 * for these tests only; Chromium is told to accept it (launchBrowser).
 */
export function listenBothSchemes(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<RunningServer> {
  const listener = getRequestListener(fetch);
  const http = createHttpServer(listener);
  const https = createHttpsServer({ key: tls('localhost-key.pem'), cert: tls('localhost-cert.pem') }, listener);
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const head: Buffer | null = socket.read(1);
      if (!head) return socket.destroy();
      socket.unshift(head);
      (head[0] === TLS_HANDSHAKE ? https : http).emit('connection', socket);
    });
  });
  return new Promise((resolve) => {
    tcp.listen(port, () =>
      resolve({
        url: `http://localhost:${port}/`,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            tcp.close(() => done());
          }),
      }),
    );
  });
}
