import { createMiddleware } from 'hono/factory';
import { INPUT_LIMITS, inputLimitError, textProblem } from '../inputLimits';

/**
 * Refuses a URL whose path or query string is outside `INPUT_LIMITS`, before any route runs (so before
 * authentication, and for routes added later too): a `%00` anywhere, decoded into an id or a cursor, once reached
 * Postgres and failed the request with a 500. A bad path is `param: "path"`; a bad query parameter is named.
 */
export function checkRequestUrl() {
  return createMiddleware(async (c, next) => {
    const path = c.req.path;
    const pathProblem =
      path.length > INPUT_LIMITS.pathLength ? `must be at most ${INPUT_LIMITS.pathLength} characters` : textProblem(path);
    if (pathProblem) throw inputLimitError(['path'], pathProblem);

    const query = Object.entries(c.req.queries());
    if (query.length > INPUT_LIMITS.entries) {
      throw inputLimitError([], `must have at most ${INPUT_LIMITS.entries} parameters`, 'query string');
    }
    for (const [name, values] of query) {
      const nameProblem = textProblem(name);
      if (nameProblem) throw inputLimitError([name], `the name ${nameProblem}`);
      for (const value of values) {
        const problem = textProblem(value);
        if (problem) throw inputLimitError([name], problem);
      }
    }
    await next();
  });
}
