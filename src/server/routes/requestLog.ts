import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from '../logging/createLogger';

/** Probes that a load balancer sends every few seconds: logged at `debug`, so they do not bury the traffic. */
const PROBE_ROUTES = new Set(['/healthz', '/readyz']);

/**
 * One log line per request, once it is answered: `request_id`, `method`, `route` (the pattern of the route, such as
 * `/v1/checkout_sessions/:id`, never the path: a path holds the checkout page's handle), `status` and `duration_ms`.
 * Goes after `requestIds()`, whose id it logs.
 *
 * @example
 * app.use(requestIds());
 * app.use(requestLog(logger));
 */
export function requestLog(logger: Logger) {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const route = requestedRoute(c);
    const line = {
      request_id: c.get('requestId'),
      method: c.req.method,
      route,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (route && PROBE_ROUTES.has(route)) logger.debug(line, 'request');
    else logger.info(line, 'request');
  });
}

/**
 * The pattern of the route the request was for (the last that matched: the endpoint, even when its authentication
 * refused it), or null when only the app-wide middlewares (`/*`) matched, an unknown path.
 */
export function requestedRoute(c: Context): string | null {
  const path = routePath(c, -1);
  return path && path !== '/*' ? path : null;
}
