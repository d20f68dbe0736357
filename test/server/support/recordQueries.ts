import type { Database, Queryable } from '../../../src/server/store/Database';

/**
 * `db`, telling `recorded` of every statement sent through it, in transactions too: each distinct SQL text with the
 * parameters it was last sent with.
 */
export function recordQueries(db: Database, recorded: Map<string, unknown[]>): Database {
  const recording = (target: Queryable): Queryable['query'] => (sql, params) => {
    recorded.set(sql, params ?? []);
    return target.query(sql, params);
  };
  return {
    query: recording(db),
    transaction: (work) => db.transaction((tx) => work({ query: recording(tx) })),
    close: () => db.close(),
  };
}
