import { z } from 'zod';
import { API_ERROR_STATUS, apiErrorBody } from '../../../src/protocol/api/apiErrors';
import type { ApiRoute } from '../../../src/protocol/api/ApiRoute';
import { checkoutRoutes } from '../../../src/protocol/api/checkoutRoutes';
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

const ROUTES = Object.entries<ApiRoute>({ ...merchantRoutes, ...checkoutRoutes }).map(([operationId, route]) => ({
  operationId,
  route,
  pattern: pathPattern(route.path),
}));

const CHECKOUT_API = '/api/checkout/';

/**
 * The path as the app routes it: without the query, `.` and `..` resolved (`/v1/events/x/..` asks for
 * `/v1/events`), and percent-decoded where that decodes (`/api/checkout/%73ession` is `/api/checkout/session`).
 */
function routedPath(path: string): string {
  try {
    return decodeURI(new URL(path, 'http://localhost').pathname);
  } catch {
    // A path the URL parser refuses (`//host%00`) or that does not decode: judged as sent.
    return path.split(/[?#]/)[0]!;
  }
}

/** The route of either API that `method` and `path` call, or undefined for a path no route has. */
export function findRoute(method: string, path: string): MatchedRoute | undefined {
  const pathname = routedPath(path);
  const found = ROUTES.find(({ route, pattern }) => route.method === method.toLowerCase() && pattern.test(pathname));
  return found && { operationId: found.operationId, route: found.route };
}

/**
 * What a path under /api/checkout that is no route answers: the session's secret is checked (and the address's
 * rate limit counted) before Hono finds no route, so a stranger learns nothing of which paths exist.
 */
const UNKNOWN_CHECKOUT_PATH: MatchedRoute = {
  operationId: 'no checkout route',
  route: { method: 'get', path: '', auth: 'session_secret', tag: '', summary: '', response: { status: 200 }, errors: ['route_not_found'] },
};

/**
 * Holds a response to the contract of its route (`merchantRoutes`, `checkoutRoutes`): a success has the route's
 * status and exactly its body (strict schemas, so a field too many or too few fails); a 4xx is the error envelope
 * with a code the route lists (`errorsOf`) and the status that code carries. Throws, naming the route and what
 * differs. A path outside both APIs is left alone, and so is a merchant path no route has (it answers
 * `route_not_found`, which no route lists). A 5xx is a fault, which the tests catch on their own.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
  const matched = findRoute(method, path) ?? (routedPath(path).startsWith(CHECKOUT_API) ? UNKNOWN_CHECKOUT_PATH : undefined);
  if (!matched) return;
  const { operationId, route } = matched;
  const where = `${method.toUpperCase()} ${path} → ${status} (${operationId})`;
  if (status >= 200 && status < 300) {
    if (!route.response.body && route.response.status !== 204) throw new Error(`${where}: the contract has no such route.`);
    if (status !== route.response.status) throw new Error(`${where}: the contract says ${route.response.status}.`);
    const result = route.response.body?.safeParse(body);
    if (result && !result.success) throw new Error(`${where}: the body breaks the contract:\n${z.prettifyError(result.error)}`);
    return;
  }
  if (status >= 400 && status < 500) {
    const result = apiErrorBody.safeParse(body);
    if (!result.success) throw new Error(`${where}: not the error envelope:\n${z.prettifyError(result.error)}`);
    const { code } = result.data.error;
    const allowed = errorsOf(route);
    if (!allowed.includes(code)) throw new Error(`${where}: '${code}' is not among the route's errors (${allowed.join(', ')}).`);
    if (status !== API_ERROR_STATUS[code]) throw new Error(`${where}: '${code}' carries ${API_ERROR_STATUS[code]}, not ${status}.`);
  }
}
