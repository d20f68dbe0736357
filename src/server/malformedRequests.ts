import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { RequestError } from '@hono/node-server';
import type { Logger } from './logging/createLogger';
import { newRequestId, REQUEST_ID_HEADER } from './routes/requestIds';
import { TillApiError } from './TillApiError';

/**
 * Requests that never reach the app still get the envelope and an `X-Request-Id`. Two layers refuse them before
 * Hono: Node's HTTP parser (a NUL or a line break in the request line or a header, which is how a NUL in an
 * `Authorization` header arrives) and the adapter that turns what Node parsed into a `Request` (a backslash in
 * the path, a bad `Host`). Both used to answer a bare 400.
 */

/**
 * The adapter's `errorHandler`: its `RequestError` is the client's mistake (400); anything else is ours (500), logged
 * with the id the answer carries.
 */
export function malformedRequestResponse(error: unknown, logger: Logger): Response {
  const requestId = newRequestId();
  let apiError: TillApiError;
  if (error instanceof RequestError) {
    apiError = new TillApiError('invalid_request', `This request cannot be read: ${error.message}.`, /host/i.test(error.message) ? 'Host' : 'path');
  } else {
    logger.error({ request_id: requestId, err: error }, 'request failed outside the app');
    apiError = new TillApiError('internal_error', 'Something went wrong on our side. Please try again.');
  }
  return Response.json(apiError.toResponseBody(requestId), { status: apiError.status, headers: { [REQUEST_ID_HEADER]: requestId } });
}

/** The status lines Node itself sends for errors that are about size or time rather than malformed input. */
const NODE_REFUSALS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * The HTTP server's `clientError` listener, in place of Node's default (which it mirrors): nothing is written to a
 * socket that is gone or already answering; a header too large or a request too slow keeps Node's status, with an
 * id; everything else the parser refuses is the envelope's 400 `invalid_request` (413 for oversized chunk extensions).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const requestId = newRequestId();
  const refusal = error.code ? NODE_REFUSALS[error.code] : undefined;
  let head: string;
  let body = '';
  if (refusal) {
    head = `HTTP/1.1 ${refusal}\r\n`;
  } else {
    const apiError =
      error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? new TillApiError('request_too_large', 'The chunk extensions of this request are too large.')
        : new TillApiError('invalid_request', 'This request is not well-formed HTTP: it has a character that is not allowed, or a broken line.');
    body = JSON.stringify(apiError.toResponseBody(requestId));
    head = `HTTP/1.1 ${apiError.status} ${apiError.status === 413 ? 'Content Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\n`;
  }
  socket.end(`${head}${REQUEST_ID_HEADER}: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
