import { API_ERROR_STATUS, apiErrorBody, type ApiErrorCode } from '../../protocol/api/apiErrors';
import type { ApiAuth, ApiRoute, ApiRoutes } from '../../protocol/api/ApiRoute';
import { errorsOf } from '../../protocol/api/errorsOf';
import { toOpenApiSchema } from './toOpenApiSchema';

type JsonSchema = Record<string, unknown>;


const SECURITY_SCHEMES = {
  api_key: {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret API key, `sk_test_…` or `sk_live_…`, from `npm run till -- keys create` or `POST /v1/api_keys`. Its mode decides which objects the request sees.',
  },
  session_secret: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A checkout session's secret, which the checkout app receives from the loader; it can see only that session. The app names its " +
      "page's session in `Till-Checkout-Session`, and the secret of any other session is refused.",
  },
} as const;

const SECURITY_SCHEME_NAMES: Record<Exclude<ApiAuth, 'none'>, keyof typeof SECURITY_SCHEMES> = { api_key: 'api_key', session_secret: 'session_secret' };

const REQUEST_ID_HEADER = {
  description: "This response's id: the caller's well-formed `X-Request-Id`, or a new one. Errors repeat it as `error.request_id`.",
  schema: { type: 'string' },
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 400: 'Bad request', 401: 'Unauthorized', 402: 'Payment required',
  404: 'Not found', 409: 'Conflict', 410: 'Gone', 413: 'Content too large', 429: 'Too many requests',
};

/**
 * The OpenAPI 3.1 document of `routes`, generated from the same schemas the server validates with: each route's
 * parameters, body, success response and every error code it may answer (grouped by status, each a `code` of
 * the one error envelope), and how it is authenticated. `publicUrl` is the server's address, its `servers` entry.
 */
export function buildOpenApiDocument(routes: ApiRoutes, publicUrl: string) {
  const components: Record<string, JsonSchema> = {};
  toOpenApiSchema(apiErrorBody, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes)) {
    (paths[route.path] ??= {})[route.method] = describeOperation(operationId, route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Till API',
      // The `/v1` of every path: a change that breaks a caller comes as `/v2`.
      version: '1',
      description:
        'Create checkout sessions, manage the catalog, keys and webhooks, and read what customers bought. Every error answers with one JSON envelope: `error.code` for programs, `error.message` for people, `error.param` for the offending field.',
    },
    servers: [{ url: publicUrl.replace(/\/$/, '') }],
    tags: [...new Set(Object.values(routes).map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: components, securitySchemes: SECURITY_SCHEMES },
  };
}

function describeOperation(operationId: string, route: ApiRoute, components: Record<string, JsonSchema>) {
  const parameters = [
    ...parametersOf(route.params, 'path', components),
    ...parametersOf(route.query, 'query', components),
    ...(route.auth === 'api_key' && route.method === 'post'
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Makes a retry safe: the same key and body within 24 hours replay the first response; another body answers 409 `idempotency_key_reused`.', schema: { type: 'string', maxLength: 255 } }]
      : []),
  ];
  const { status, body } = route.response;
  return {
    operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: route.auth === 'none' ? [] : [{ [SECURITY_SCHEME_NAMES[route.auth]]: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: toOpenApiSchema(route.body, 'input', components) } } } }
      : {}),
    responses: {
      [status]: {
        description: STATUS_TEXT[status],
        headers: { 'X-Request-Id': REQUEST_ID_HEADER },
        ...(body ? { content: { 'application/json': { schema: toOpenApiSchema(body, 'output', components) } } } : {}),
      },
      ...errorResponses(errorsOf(route)),
    },
  };
}

function parametersOf(schema: ApiRoute['query'], location: 'path' | 'query', components: Record<string, JsonSchema>) {
  if (!schema) return [];
  const object = toOpenApiSchema(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

/** One response per error status, naming each code it may carry. */
function errorResponses(codes: ApiErrorCode[]) {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) byStatus.set(API_ERROR_STATUS[code], [...(byStatus.get(API_ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, statusCodes]) => [
      status,
      {
        description: `${STATUS_TEXT[status]}: \`error.code\` is ${statusCodes.map((code) => `\`${code}\``).join(', ')}.`,
        headers: { 'X-Request-Id': REQUEST_ID_HEADER, ...(status === 429 ? { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } } : {}) },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
}
