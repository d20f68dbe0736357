import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import type { ApiRoutes } from '../../protocol/api/ApiRoute';
import { buildOpenApiDocument } from '../openapi/buildOpenApiDocument';

/**
 * `GET /openapi.json`, the API described by `routes`' schemas, and `GET /docs`, that document rendered by Scalar.
 * Both are public, as any published API reference is: they hold no merchant's data. The docs page loads Scalar's
 * script from its CDN in the reader's browser; the server itself calls nothing.
 */
export function apiReference(routes: ApiRoutes, publicUrl: string) {
  // Built on the first request, not at start, so a server that is never asked pays nothing.
  let document: string | undefined;
  return new Hono()
    .get('/openapi.json', (c) => {
      document ??= JSON.stringify(buildOpenApiDocument(routes, publicUrl));
      return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
    })
    .get('/docs', Scalar({ url: 'openapi.json', pageTitle: 'Till API reference' }));
}
