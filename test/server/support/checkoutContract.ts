import { expect } from 'vitest';
import { z } from 'zod';
import { API_ERROR_STATUS, apiErrorBody } from '../../../src/protocol/api/apiErrors';
import type { ApiRoute } from '../../../src/protocol/api/ApiRoute';
import { checkoutRoutes } from '../../../src/protocol/api/checkoutRoutes';
import { errorsOf } from '../../../src/protocol/api/errorsOf';

const CHECKOUT_API = '/api/checkout/';

/** The route of `checkoutRoutes` that answers `method pathname`, or undefined for one the API does not have. */
export function findCheckoutRoute(method: string, pathname: string): ApiRoute | undefined {
  return Object.values(checkoutRoutes).find((route) => route.method === method.toLowerCase() && route.path === pathname);
}

/** The path as Hono routes it: without the query, and percent-decoded where that decodes (`/%73ession` is `/session`). */
function routedPath(path: string): string {
  const pathname = path.split(/[?#]/)[0]!;
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}

/**
 * What a path under /api/checkout that is no route answers: the session's secret is checked (and the address's
 * rate limit counted) before Hono finds no route, so a stranger learns nothing of which paths exist.
 */
function noRoute(method: string, pathname: string): ApiRoute {
  const verb = method.toLowerCase() as ApiRoute['method'];
  return { method: verb, path: pathname, auth: 'session_secret', tag: '', summary: '', response: { status: 200 }, errors: ['route_not_found'] };
}

/**
 * Fails the test unless `response` is what the checkout API's contract (`checkoutRoutes`) lets `method path`
 * answer: a success with the route's status and a body its response schema parses (strictly, so a field the
 * schema does not know fails as one it misses does), or the one error envelope, with a code the route may
 * answer and the status that code carries. Paths outside /api/checkout are not this contract's to judge.
 * Returns `response`, so a request helper can pass its answer through.
 */
export function checkCheckoutResponse<Response extends { status: number; body: unknown }>(method: string, path: string, response: Response): Response {
  const pathname = routedPath(path);
  if (!pathname.startsWith(CHECKOUT_API)) return response;
  const route = findCheckoutRoute(method, pathname) ?? noRoute(method, pathname);
  const where = `${method} ${pathname} answered ${response.status} ${JSON.stringify(response.body).slice(0, 2000)}`;
  if (response.status < 400) {
    expect(route.response.body, `${where}\nthough the contract has no such route`).toBeDefined();
    expect(response.status, where).toBe(route.response.status);
    const parsed = route.response.body!.safeParse(response.body);
    expect(parsed.success ? null : z.prettifyError(parsed.error), `${where}\nwhich its response schema refuses`).toBeNull();
    return response;
  }
  const parsed = apiErrorBody.safeParse(response.body);
  expect(parsed.success ? null : z.prettifyError(parsed.error), `${where}\nwhich is not the error envelope`).toBeNull();
  const { code } = parsed.data!.error;
  expect(errorsOf(route), `${where}\nwith a code its route does not list`).toContain(code);
  expect(response.status, `${where}\nwith another status than its code's`).toBe(API_ERROR_STATUS[code]);
  return response;
}
