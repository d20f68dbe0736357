import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { compilePgliteWasm } from './compilePgliteWasm';
import { initPgliteDirectory } from './initPgliteDirectory';

/** Postgres's wire protocol with PGlite: what `PgliteConnection` speaks, on this thread or through another. */
export interface PgliteExchange {
  /** Hands Postgres `message` (one or more frontend messages) and resolves with all it answered, as bytes. */
  exchange(message: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * PGlite's cache of table pages. Postgres touches all of it at start, in the server's own memory (one process is the
 * whole database); the files stay in the operating system's cache anyway. Issue 13 measured 128 → 16 MB: RSS
 * −116 MB; 16 → 12 MB: −4 MB after start (151 against 155 MB, median of 4) and as much under load, while the growth
 * measure's reads and creates on 100 k rows per table still took 0.99–1.01 × their time on 1 k. 8 MB saved more but
 * not on a grown store: on 100 k rows, lists took 2 × and creates 1.3 × their time on 1 k.
 */
const PGLITE_SHARED_BUFFERS = '12MB';

/**
 * PGlite on this thread, its files in `dataDir` (in memory without one), every statement planned for its own
 * parameters (see `PgliteConnection`).
 *
 * Nothing to flush after an exchange: PGlite's directory store writes through to its files as Postgres writes (its
 * `syncToFs` does nothing), so a commit is on disk the moment it is acknowledged.
 */
export async function startPglite(dataDir?: string): Promise<PgliteExchange> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initPgliteDirectory(dataDir);
  }
  const db = await PGlite.create(dataDir, {
    pgliteWasmModule: await compilePgliteWasm(),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`, '-c', 'plan_cache_mode=force_custom_plan'],
  });
  return {
    async exchange(message) {
      // The answer's bytes are a view of PGlite's memory, which the next answer overwrites: copied at once.
      // (`execProtocolRawSync` alone would also parse them into a list PGlite keeps until its own `query` clears it.)
      const chunks: Uint8Array[] = [];
      await db.execProtocolRawStream(message, { syncToFs: false, onRawData: (bytes) => chunks.push(bytes.slice()) });
      return chunks.length === 1 ? chunks[0]! : concat(chunks);
    },
    close: () => db.close(),
  };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
