import { z } from 'zod';
import { apiErrorBody } from '../../../src/protocol/api/apiErrors';
import type { ApiRoute } from '../../../src/protocol/api/ApiRoute';
import { errorsOf } from '../../../src/protocol/api/errorsOf';
import { merchantRoutes } from '../../../src/protocol/api/merchantRoutes';

export interface MatchedRoute {
  operationId: string;
  route: ApiRoute;
}

/** `/v1/events/{id}/redeliver` → a pattern that takes any one path segment for each `{name}`. */
function pathPattern(path: string): RegExp {
  const escaped = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

const ROUTES = Object.entries(merchantRoutes as Record<string, ApiRoute>).map(([operationId, route]) => ({
  operationId,
  route,
  pattern: pathPattern(route.path),
}));

/** The merchant route `method` and `path` (its query string ignored) call, or undefined for a path no route has. */
export function findMerchantRoute(method: string, path: string): MatchedRoute | undefined {
  // As the app reads it: `new URL` resolves `.` and `..` segments, so `/v1/events/x/..` asks for `/v1/events`.
  const { pathname } = new URL(path, 'http://localhost');
  const found = ROUTES.find(({ route, pattern }) => route.method === method.toLowerCase() && pattern.test(pathname));
  return found && { operationId: found.operationId, route: found.route };
}

/**
 * Holds a response of the merchant API to the contract in `merchantRoutes`: a success has the route's status and
 * exactly its body (strict schemas, so a field too many or too few fails); a 4xx is the error envelope with a code
 * the route lists (`errorsOf`). Throws, naming the route and what differs. A path no route has is left alone: it
 * answers `route_not_found`, which no route lists. A 5xx is a fault, which the tests catch on their own.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
  const matched = findMerchantRoute(method, path);
  if (!matched) return;
  const { operationId, route } = matched;
  const where = `${method.toUpperCase()} ${path} → ${status} (${operationId})`;
  if (status >= 200 && status < 300) {
    if (status !== route.response.status) throw new Error(`${where}: the contract says ${route.response.status}.`);
    if (!route.response.body) return;
    const result = route.response.body.safeParse(body);
    if (!result.success) throw new Error(`${where}: the body breaks the contract:\n${z.prettifyError(result.error)}`);
    return;
  }
  if (status >= 400 && status < 500) {
    const result = apiErrorBody.safeParse(body);
    if (!result.success) throw new Error(`${where}: not the error envelope:\n${z.prettifyError(result.error)}`);
    const allowed = errorsOf(route);
    if (!allowed.includes(result.data.error.code)) {
      throw new Error(`${where}: '${result.data.error.code}' is not among the route's errors (${allowed.join(', ')}).`);
    }
  }
}
