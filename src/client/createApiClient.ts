import type { z } from 'zod';
import type { ApiErrorBody } from '../protocol/api/apiErrors';
import type { ApiRoute, ApiRoutes } from '../protocol/api/ApiRoute';
import { TillApiError } from './TillApiError';

export interface ClientOptions {
  /** A secret key, `sk_test_…` or `sk_live_…`. Keep it on your server. */
  apiKey: string;
  /** Your Till server, e.g. `https://till.example.com`. */
  baseUrl: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Retries after a network error, a 429 or a 5xx, with the same Idempotency-Key; default 2. */
  maxRetries?: number;
}

export interface CallOptions {
  /** Default for a POST: a new random key per call, reused by its retries, so a retry never creates twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

type BodyOf<R> = R extends { body: z.ZodType } ? z.input<R['body']> : never;
type QueryOf<R> = R extends { query: z.ZodType } ? z.input<R['query']> : never;
type ResponseOf<R extends ApiRoute> = R['response'] extends { body: z.ZodType } ? z.output<R['response']['body']> : void;
type IdArgument<R> = R extends { params: z.ZodType } ? [id: string] : [];
type InputArguments<R> = R extends { body: z.ZodType }
  ? Record<string, never> extends BodyOf<R>
    ? [body?: BodyOf<R>, options?: CallOptions]
    : [body: BodyOf<R>, options?: CallOptions]
  : R extends { query: z.ZodType }
    ? [query?: QueryOf<R>, options?: CallOptions]
    : [options?: CallOptions];

/** One method per route, named by its operationId: the path's `{id}` first, then the body or query, then options. */
export type ApiClient<Routes extends ApiRoutes> = {
  [Name in keyof Routes]: (...args: [...IdArgument<Routes[Name]>, ...InputArguments<Routes[Name]>]) => Promise<ResponseOf<Routes[Name]>>;
};

const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 8_000;

/**
 * A client for `routes`: each method sends its route's request and resolves to its response body, or rejects
 * with `TillApiError`. It sends what it is given; the server validates, so the client never disagrees with it.
 */
export function createApiClient<Routes extends ApiRoutes>(routes: Routes, options: ClientOptions): ApiClient<Routes> {
  const { apiKey, baseUrl, fetch: send = globalThis.fetch, maxRetries = 2 } = options;
  const base = baseUrl.replace(/\/+$/, '');

  async function call(route: ApiRoute, args: unknown[]) {
    const id = route.params ? String(args.shift()) : undefined;
    const input = route.body || route.query ? (args.shift() as Record<string, unknown> | undefined) : undefined;
    const { idempotencyKey = route.method === 'post' ? crypto.randomUUID() : undefined, signal } = (args.shift() ?? {}) as CallOptions;
    let url = base + route.path.replace('{id}', encodeURIComponent(id ?? ''));
    if (route.query && input) url += queryString(input);
    const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };
    if (route.body) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const init: RequestInit = { method: route.method.toUpperCase(), headers, signal };
    if (route.body) init.body = JSON.stringify(input ?? {});

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(url, init);
      } catch (cause) {
        if (signal?.aborted || attempt >= maxRetries) throw new TillApiError(0, 'network_error', `Could not reach Till at ${base}: ${String(cause)}`);
        await wait(retryDelay(attempt, null)!);
        continue;
      }
      const delay = response.status === 429 || response.status >= 500 ? retryDelay(attempt, response.headers.get('Retry-After')) : null;
      if (delay === null || attempt >= maxRetries) return readResponse(response);
      await wait(delay);
    }
  }

  return Object.fromEntries(Object.entries(routes).map(([name, route]) => [name, (...args: unknown[]) => call(route, args)])) as unknown as ApiClient<Routes>;
}

async function readResponse(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TillApiError(response.status, 'unexpected_response', `Till answered HTTP ${response.status} with a body that is not JSON.`);
  }
  if (response.ok) return body;
  const envelope = body as Partial<ApiErrorBody>;
  if (typeof envelope.error?.code !== 'string') {
    throw new TillApiError(response.status, 'unexpected_response', `Till answered HTTP ${response.status} without its error envelope.`);
  }
  throw TillApiError.fromBody(response.status, envelope as ApiErrorBody);
}

/** `?a=1&b=x`, leaving out what is undefined or null (null means absent, as in request bodies). */
function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The server's `Retry-After` when it sent one, else exponential backoff with jitter; null when the server asks for
 * longer than a call should block (a spent rate limit), so the caller gets the 429 at once.
 */
function retryDelay(attempt: number, retryAfter: string | null): number | null {
  const seconds = Number(retryAfter);
  if (retryAfter !== null && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000 <= RETRY_MAX_MS ? seconds * 1000 : null;
  return Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS) * (0.5 + Math.random() / 2);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
