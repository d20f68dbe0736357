import type { Queryable } from '../../../src/server/store/Database';

export interface OlderTransactionsOptions {
  /**
   * A transaction id (`xid8`, as text): wait for those below it only. By default, every one handed out before the
   * call: below the snapshot's xmax.
   */
  than?: string;
  /** After this long it returns anyway, and the test's own expectations say what is missing. */
  timeoutMs?: number;
}

/**
 * Waits until every transaction that had begun writing when it was called has ended, on the whole store: until
 * then `GET /v1/events` holds back an event committed since (`listEvents`). On Postgres the other test files
 * share the server, and one of their transactions still running (the query-plan test's fill runs for seconds)
 * would hold back this file's events; on PGlite none runs between two statements.
 */
export async function olderTransactionsEnded(db: Queryable, { than, timeoutMs = 20_000 }: OlderTransactionsOptions = {}): Promise<void> {
  const [{ next }] = than
    ? [{ next: than }]
    : ((await db.query<{ next: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot()) AS next')) as [{ next: string }]);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    // The oldest transaction still running is past `next`: all those below it have ended.
    const [{ ended }] = (await db.query<{ ended: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS ended', [next])) as [
      { ended: boolean },
    ];
    if (ended) return;
  }
}
