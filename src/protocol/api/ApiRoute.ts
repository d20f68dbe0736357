import type { z } from 'zod';
import type { ApiErrorCode } from './apiErrors';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/**
 * Who may call a route: a merchant's secret API key (`Authorization: Bearer sk_…`), a checkout session's secret
 * (the checkout app's own API), or anyone (health checks, the document itself).
 */
export type ApiAuth = 'api_key' | 'session_secret' | 'none';

/**
 * One route of Till's HTTP API, described by its schemas. The server validates requests with them and answers in
 * their shape, `GET /v1/openapi.json` is generated from them, and the typed client takes its types from them: one
 * description, so none of the three can drift from the others.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI's form, `{name}` for a path parameter: `/v1/checkout_sessions/{id}`. */
  path: string;
  auth: ApiAuth;
  /** Groups routes in the document: `Checkout sessions`, `Catalog`, … */
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and its body (none for 204). */
  response: { status: 200 | 201 | 202 | 204; body?: z.ZodType };
  /**
   * The codes this route answers beyond those every route of its `auth` may (a bad key or secret, a rate limit,
   * an unreadable request or URL, `invalid_json` when it takes a body): see `errorsOf`.
   */
  errors: readonly ApiErrorCode[];
}

/** Routes keyed by their OpenAPI `operationId`, which is also the typed client's method name. */
export type ApiRoutes = Record<string, ApiRoute>;
