import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, type ApiErrorCode } from '../../src/protocol/api/apiErrors';
import { useTestServer } from './support/testServer';

const till = useTestServer();

/** The reference itself: public, and no operation of the API it describes. */
const REFERENCE_ROUTES = ['GET /v1/openapi.json', 'GET /v1/docs'];
/** Codes no documented route answers on purpose: an unknown path, our own failure, a health check's. */
const UNDOCUMENTED_CODES: ApiErrorCode[] = ['route_not_found', 'internal_error', 'not_ready'];

async function fetchDocument() {
  const response = await till.request('GET', '/v1/openapi.json', { key: null });
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

/** `GET /v1/checkout_sessions/{id}` for each route the Hono app mounts under the two APIs (merchantRoutes, checkoutRoutes), as OpenAPI writes paths. */
function mountedRoutes(): string[] {
  const routes = till.app.routes
    .filter((route) => route.method !== 'ALL' && /^\/(v1|api\/checkout)\//.test(route.path))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(routes)].filter((route) => !REFERENCE_ROUTES.includes(route)).sort();
}

function documentedRoutes(document: any): string[] {
  return Object.entries(document.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('GET /v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document a real validator accepts, without an API key', async () => {
    const document = await fetchDocument();
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(document.servers).toEqual([{ url: 'http://localhost:3000' }]);
  });

  it('documents every route the server mounts, and no route it does not', async () => {
    const document = await fetchDocument();
    expect(mountedRoutes().length).toBeGreaterThanOrEqual(40);
    expect(documentedRoutes(document)).toEqual(mountedRoutes());
  });

  it('names every operation uniquely, and every error code the API answers', async () => {
    const document = await fetchDocument();
    const operations = Object.values(document.paths as Record<string, Record<string, any>>).flatMap((path) => Object.values(path));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const described = JSON.stringify(operations.map((operation) => Object.values(operation.responses).map((response: any) => response.description)));
    const missing = API_ERROR_CODES.filter((code) => !UNDOCUMENTED_CODES.includes(code) && !described.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('describes the create-session body with the fields the server takes', async () => {
    const document = await fetchDocument();
    const body = document.paths['/v1/checkout_sessions'].post.requestBody.content['application/json'].schema;
    const fields = Object.keys(body.properties);
    for (const field of ['checkout_mode', 'origin_url', 'subscription_config_id', 'custom_amount', 'start_date', 'pending_url', 'customer']) expect(fields).toContain(field);
    expect(body.required).toEqual(['checkout_mode', 'origin_url']);
  });
});

describe('GET /v1/docs', () => {
  it('renders the document, without an API key', async () => {
    const response = await till.request('GET', '/v1/docs', { key: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('Till API reference');
    expect(html).toContain('openapi.json');
  });

  it('runs only a pinned version of Scalar’s script, whose bytes the browser checks, and may not be framed', async () => {
    const response = await till.request('GET', '/v1/docs', { key: null });
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)];
    expect(scripts).toHaveLength(1);
    const [tag, src] = scripts[0]!;
    expect(src).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/npm\/@scalar\/api-reference@\d+\.\d+\.\d+\//);
    expect(tag).toMatch(/ integrity="sha384-[\w+/]{64}" crossorigin="anonymous"/);
    expect(response.headers.get('Content-Security-Policy')).toBe("frame-ancestors 'none'");
  });
});
