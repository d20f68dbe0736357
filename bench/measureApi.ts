import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { spawnTill, type StoreLocation } from '../test/server/support/spawnTill';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  /** Answers other than the one expected, and requests that got none (timeouts, resets). */
  errors: number;
}

export interface ApiMeasures {
  /** The server's resident memory once it listens, and the most seen while it was under load. */
  rssAfterStartMb: number;
  rssPeakMb: number;
  /** By connection count: the authenticated 404 (the floor: the same server doing the least a request can) and the create. */
  floor: Record<number, LoadResult>;
  create: Record<number, LoadResult>;
}

const API_KEY = 'sk_test_bench_0123456789';

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

function load(url: string, connections: number, seconds: number, expected: number, request: { method: 'GET' | 'POST'; body?: string }) {
  return new Promise<LoadResult>((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        method: request.method,
        body: request.body,
        headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
        // A request that waits longer than this has failed, as a merchant's HTTP client would give it up.
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const unexpected = result.statusCodeStats ? Object.entries(result.statusCodeStats).filter(([status]) => Number(status) !== expected) : [];
        resolve({
          requestsPerSecond: result.requests.average,
          p99Ms: result.latency.p99,
          errors: result.errors + result.timeouts + unexpected.reduce((sum, [, stats]) => sum + (stats.count ?? 0), 0),
        });
      },
    );
  });
}

/**
 * The merchant API under load, on the compiled server in its own process (`npm run serve`): `POST
 * /v1/checkout_sessions` beside the floor of an authenticated 404, at each of `connections`, with the server's
 * memory. It logs as in production, a line per request, and runs with the Docker image's `MALLOC_ARENA_MAX`. Rate
 * limits are off: they would answer 429 to the load generator, which is one client.
 */
export async function measureApi(store: StoreLocation, { connections = [10, 50], seconds = 10 } = {}): Promise<ApiMeasures> {
  const till = await spawnTill(store, API_KEY, { TILL_RATE_LIMIT_API_KEY: 'off', MALLOC_ARENA_MAX: '2' });
  try {
    const pid = till.process.pid!;
    const rssAfterStartMb = rssMb(pid);
    let rssPeakMb = rssAfterStartMb;
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 100);
    const plan = (await till.api('GET', '/v1/subscription_configs')).body.data[0].subscription_config_id;
    const body = JSON.stringify({ checkout_mode: 'subscription', origin_url: 'https://shop.example/', subscription_config_id: plan });
    const floor: Record<number, LoadResult> = {};
    const create: Record<number, LoadResult> = {};
    try {
      await load(`${till.url}/v1/checkout_sessions`, 10, 2, 201, { method: 'POST', body }); // warm-up: JIT, caches
      for (const n of connections) {
        floor[n] = await load(`${till.url}/v1/checkout_sessions/cs_test_missing`, n, seconds, 404, { method: 'GET' });
        create[n] = await load(`${till.url}/v1/checkout_sessions`, n, seconds, 201, { method: 'POST', body });
      }
    } finally {
      clearInterval(sampler);
    }
    return { rssAfterStartMb, rssPeakMb, floor, create };
  } finally {
    await till.terminate();
  }
}
