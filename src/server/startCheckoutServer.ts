import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './createApp';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves a Hono app on `port` (0 picks a free one) and resolves once it listens. */
export function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port }, (info: AddressInfo) => {
      resolve({
        url: `http://localhost:${info.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export function startCheckoutServer(options: AppOptions & { port: number }): Promise<RunningServer> {
  return listen(createApp(options).fetch, options.port);
}
