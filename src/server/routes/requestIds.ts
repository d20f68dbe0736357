import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requestId } from 'hono/request-id';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** The longest incoming id that is kept: a W3C trace id is 32 characters, a `traceparent` 55. */
export const MAX_REQUEST_ID_LENGTH = 200;

/** `req_` and 16 base64url characters (96 random bits), which the echo rule below takes back unchanged. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('base64url')}`;
}

/**
 * Seed 001's trace id, on every response of the server: API, pages, assets, 404s and errors alike.
 * 1. An incoming `X-Request-Id` of 1–200 characters from `A–Z a–z 0–9 _ - =` (Hono's `requestId` rule) is kept,
 *    so a merchant's or a proxy's trace id follows the request through; any other value is replaced by a new
 *    `req_…`, so a header cannot put text of its choosing into our logs and answers.
 * 2. Every error envelope carries it as `request_id`, whoever wrote the envelope: `onError`, or an earlier
 *    request's stored answer replayed for an `Idempotency-Key` retry, which still holds that request's id.
 *
 * @example
 * app.use(requestIds());
 * app.get('/', (c) => c.text(c.get('requestId')));
 */
export function requestIds() {
  const assignId = requestId({ limitLength: MAX_REQUEST_ID_LENGTH, generator: newRequestId });
  return createMiddleware(async (c, next) =>
    assignId(c, async () => {
      await next();
      await stampErrorEnvelope(c, c.get('requestId'));
      // A handler that returned a `Response` of its own dropped the header set before it ran.
      c.res.headers.set(REQUEST_ID_HEADER, c.get('requestId'));
    }),
  );
}

async function stampErrorEnvelope(c: Context, id: string) {
  if (c.res.status < 400 || !c.res.headers.get('Content-Type')?.startsWith('application/json')) return;
  let body: unknown;
  try {
    body = await c.res.clone().json();
  } catch {
    return;
  }
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null || (error as { request_id?: unknown }).request_id === id) return;
  const { status } = c.res;
  const headers = new Headers(c.res.headers);
  headers.delete('Content-Length');
  // Cleared first: assigning over a response merges the old one's headers into the new one.
  c.res = undefined;
  c.res = new Response(JSON.stringify({ error: { ...error, request_id: id } }), { status, headers });
}
