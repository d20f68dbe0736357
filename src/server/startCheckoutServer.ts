import { createServer, type ServerResponse } from 'node:http';
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

/**
 * Serves a Hono app on `port` (0 picks a free one) and resolves once it listens. `close()` drains: it stops taking
 * connections, lets the requests in flight finish, and closes each kept-alive connection as soon as its answer is
 * written (each such answer says `Connection: close`), rather than waiting out the keep-alive timeout.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  { errorHandler, clientError }: ListenOptions = {},
): Promise<RunningServer> {
  // `serve` from @hono/node-server, but with the listener's `errorHandler`, which `serve` does not pass on.
  const handle = getRequestListener(fetch, { errorHandler });
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  const server = createServer((request, response) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    if (stopping) response.setHeader('Connection', 'close');
    return handle(request, response);
  });
  if (clientError) server.on('clientError', clientError);
  const close = () =>
    new Promise<void>((done) => {
      stopping = true;
      for (const response of inFlight) {
        if (!response.headersSent) response.setHeader('Connection', 'close');
        else response.once('finish', () => setImmediate(() => server.closeIdleConnections()));
      }
      server.close(() => done());
    });
  return new Promise((resolve, reject) => {
    // A port taken by another process: an error for the caller to word (`Till could not start: …`), not an
    // unhandled 'error' event and a stack.
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve({ url: `http://localhost:${(server.address() as AddressInfo).port}/`, close });
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
