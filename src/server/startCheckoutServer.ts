import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp, defaultAppLogger, type AppOptions } from './createApp';
import { answerClientError, malformedRequestResponse } from './malformedRequests';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Answers a request the adapter cannot turn into a `Request`; by default a bare 400. */
  errorHandler?: (error: unknown) => Response;
  /** Answers what Node's HTTP parser refuses; by default Node's own bare 400. */
  clientError?: typeof answerClientError;
}

/** Serves a Hono app on `port` (0 picks a free one) and resolves once it listens. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  { errorHandler, clientError }: ListenOptions = {},
): Promise<RunningServer> {
  // `serve` from @hono/node-server, but with the listener's `errorHandler`, which `serve` does not pass on.
  const server = createServer(getRequestListener(fetch, { errorHandler }));
  if (clientError) server.on('clientError', clientError);
  return new Promise((resolve) => {
    server.listen(port, () => {
      resolve({
        url: `http://localhost:${(server.address() as AddressInfo).port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** The checkout server: even a request that never reaches the app is answered in the envelope, with an id. */
export function startCheckoutServer(options: AppOptions & { port: number }): Promise<RunningServer> {
  const logger = options.logger ?? defaultAppLogger();
  return listen(createApp({ ...options, logger }).fetch, options.port, {
    errorHandler: (error) => malformedRequestResponse(error, logger),
    clientError: answerClientError,
  });
}
