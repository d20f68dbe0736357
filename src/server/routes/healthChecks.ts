import { Hono } from 'hono';
import type { Logger } from '../logging/createLogger';
import type { Database } from '../store/Database';
import { pendingMigrations } from '../store/migrate';
import { TillApiError } from '../TillApiError';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * What a process manager and a load balancer ask, outside `/v1` (no key, no rate limit):
 * - `GET /healthz`: the process is up and serving (liveness); it touches nothing else, so a slow store never
 *   gets a healthy server restarted.
 * - `GET /readyz`: this server can do its work now (readiness): the store answers and has every migration this
 *   server knows; otherwise 503 `not_ready`, in the envelope, saying which. A newer server's extra migrations do
 *   not make an older one unready, so a rolling deploy keeps both in rotation.
 *
 * @example
 * app.route('/', healthChecks(db, logger));
 */
export function healthChecks(db: Database, logger: Logger) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE))
    .get('/readyz', async (c) => {
      let pending: string[];
      try {
        pending = await pendingMigrations(db);
      } catch (error) {
        logger.warn({ request_id: c.get('requestId'), err: error }, 'readiness check: the store does not answer');
        throw new TillApiError('not_ready', 'The store does not answer.');
      }
      if (pending.length > 0) {
        throw new TillApiError('not_ready', `The store is missing ${pending.length} migration(s) of this server: ${pending.join(', ')}.`);
      }
      return c.json({ status: 'ready' }, 200, NO_STORE);
    });
}
