import { parse, protocol, types } from '@electric-sql/pglite';
import pgUtils from 'pg/lib/utils.js';
import { concat, type PgliteExchange } from './startPglite';

type BackendMessage = Parameters<Parameters<protocol.Parser['parse']>[1]>[0];

/** How many statements stay prepared; past it the least recently used is closed. A server issues fewer than this. */
const MAX_PREPARED = 200;

/**
 * One statement's exchange with PGlite's Postgres in a single call into it, where `PGlite.query` makes six (parse,
 * describe the statement for its parameter types, bind, describe the portal, execute, sync), and with the statement
 * kept prepared from its second use, so that Postgres parses and analyses each SQL text once instead of on every
 * request (issue 13: the checkout session INSERT took 0.8 ms through `PGlite.query` and 0.5 ms this way).
 * - Each run is still planned for its own parameters (`startPglite` sets `plan_cache_mode=force_custom_plan`), as the
 *   Postgres store's unnamed statements are and as the query plan test reads them: a plan made once for any value
 *   (0.35 ms) could leave an index that only some values can use.
 * - Parameters are sent as text the way node-postgres sends them to the Postgres store (its own `prepareValue`:
 *   dates as timestamps, objects as JSON, arrays as Postgres arrays), so both stores see the same values and no
 *   round trip is needed for the parameters' types. Results are read with PGlite's own parsers, as before.
 * - A prepared statement keeps its plan, which Postgres makes again when a table or index it depends on changes.
 *   PGlite is this process's database, so no other process changes the schema under it while it runs.
 * - Not through `PGlite.query`'s locks: PGlite answers exchanges in the order they are sent, each ending with a
 *   Sync, so a statement may go before the one before it has its answer, and one that fails leaves the next alone.
 *   The caller keeps a transaction's statements together (`openPglite`).
 * - It speaks to PGlite through a `PgliteExchange`, bytes in and bytes out, so that PGlite may run on a thread of
 *   its own while statements are made and answers read on this one.
 */
export class PgliteConnection {
  readonly #pglite: PgliteExchange;
  /** Each type's parser, PGlite's own, with one for an array of each type, as `PGlite` makes them. */
  readonly #parsers: Record<number, types.Parser> = { ...types.parsers };
  readonly #parser = new protocol.Parser();
  /** Prepared statements by SQL text, least recently used first. */
  readonly #prepared = new Map<string, string>();
  /** SQL texts seen once, not prepared yet (a migration's statements run once). */
  readonly #seen = new Set<string>();
  /** Statements to close with the next exchange. */
  #closing: string[] = [];
  #nextName = 0;

  private constructor(pglite: PgliteExchange) {
    this.#pglite = pglite;
  }

  /** A connection over `pglite`, once it has read which array types Postgres has, to parse arrays of each. */
  static async over(pglite: PgliteExchange): Promise<PgliteConnection> {
    const connection = new PgliteConnection(pglite);
    const arrays = await connection.run<{ oid: number; typarray: number }>(ARRAY_TYPES);
    const parsers = connection.#parsers;
    for (const { oid, typarray } of arrays) parsers[typarray] = (text) => types.arrayParser(text, parsers[oid]!, typarray);
    return connection;
  }

  close(): Promise<void> {
    return this.#pglite.close();
  }

  /** Runs `sql` with `params` and returns its rows; throws Postgres's error (with its SQLSTATE `code`) when it fails. */
  async run<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    let name = this.#prepared.get(sql);
    let parsing = false;
    if (name !== undefined) {
      this.#prepared.delete(sql);
      this.#prepared.set(sql, name);
    } else if (this.#seen.has(sql)) {
      this.#seen.delete(sql);
      name = `till_${this.#nextName++}`;
      parsing = true;
    } else {
      if (this.#seen.size >= MAX_PREPARED * 10) this.#seen.clear();
      this.#seen.add(sql);
      name = '';
      parsing = true;
    }
    const parts: Uint8Array[] = this.#closing.map((closed) => protocol.serialize.close({ type: 'S', name: closed }));
    this.#closing = [];
    if (parsing) parts.push(protocol.serialize.parse({ name, text: sql }));
    parts.push(
      protocol.serialize.bind({ statement: name, values: params.map((value) => pgUtils.prepareValue(value)) }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    );
    const messages: BackendMessage[] = [];
    this.#parser.parse(await this.#pglite.exchange(concat(parts)), (message) => messages.push(message));
    if (name && parsing && messages.some((message) => message.name === 'parseComplete')) this.#remember(sql, name);
    const error = messages.find((message): message is Error & BackendMessage => message.name === 'error');
    if (error) {
      // Its stack was taken in the parser; the caller's is the one that says which query failed.
      Error.captureStackTrace(error);
      throw error;
    }
    return parse.parseResults(messages, this.#parsers)[0]!.rows as Row[];
  }

  #remember(sql: string, name: string) {
    this.#prepared.set(sql, name);
    if (this.#prepared.size <= MAX_PREPARED) return;
    const [oldest, oldestName] = this.#prepared.entries().next().value!;
    this.#prepared.delete(oldest);
    this.#closing.push(oldestName);
  }
}

/** The array types, each with its element's type, as `PGlite` reads them to parse arrays. */
const ARRAY_TYPES = `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem
  WHERE a.typcategory = 'A' GROUP BY b.oid, b.typarray ORDER BY b.oid`;
