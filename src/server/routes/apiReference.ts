import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import type { ApiRoutes } from '../../protocol/api/ApiRoute';
import { buildOpenApiDocument } from '../openapi/buildOpenApiDocument';

/**
 * Scalar's script, as the docs page loads it from its CDN: one version, and only the bytes npm has for it (its
 * `dist/browser/standalone.js`, hashed from the package's tarball). The page is served from the checkout's origin, so
 * a script that changed on the CDN must not run there: unpinned, it was whatever the CDN served that day.
 */
const SCALAR_SCRIPT = {
  src: 'https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.4/dist/browser/standalone.js',
  integrity: 'sha384-hwB9WroDTpZaI38gr+u9CXA6ksz5gUYgD2GxXazKl/agT1L2GWUiRFWGJYNiFu4Q',
};

/**
 * `GET /openapi.json`, the API described by `routes`' schemas, and `GET /docs`, that document rendered by Scalar.
 * Both are public, as any published API reference is: they hold no merchant's data. The docs page loads Scalar's
 * script from its CDN in the reader's browser (`SCALAR_SCRIPT`), and no other page may frame it; the server itself
 * calls nothing.
 */
export function apiReference(routes: ApiRoutes, publicUrl: string) {
  // Built on the first request, not at start, so a server that is never asked pays nothing.
  let document: string | undefined;
  const docs = Scalar({ url: 'openapi.json', pageTitle: 'Till API reference', cdn: SCALAR_SCRIPT.src });
  return new Hono()
    .get('/openapi.json', (c) => {
      document ??= JSON.stringify(buildOpenApiDocument(routes, publicUrl));
      return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
    })
    .get('/docs', async (c, next) => {
      const page = (await docs(c, next)) as Response;
      const html = (await page.text()).replace(`<script src="${SCALAR_SCRIPT.src}">`, () =>
        `<script src="${SCALAR_SCRIPT.src}" integrity="${SCALAR_SCRIPT.integrity}" crossorigin="anonymous">`,
      );
      return c.html(html, 200, { 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Content-Type-Options': 'nosniff' });
    });
}
