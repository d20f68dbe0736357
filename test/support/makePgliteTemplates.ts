/**
 * Makes the two PGlite stores that tests copy (see test/globalSetup.ts) in the folder named by its argument:
 * `empty/`, as a server makes a new store, and `migrated/`, with every migration applied. A script of its own
 * because Vitest's global setup runs in a module runner that lacks `import.meta.resolve`, which creating a store uses.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { initPgliteDirectory } from '../../src/server/store/initPgliteDirectory';
import { keepWebAssemblyOnBaselineCompiler } from '../../src/server/store/keepWebAssemblyOnBaselineCompiler';
import { migrate } from '../../src/server/store/migrate';
import { openDatabase } from '../../src/server/store/openDatabase';

const [root] = process.argv.slice(2);
if (!root) throw new Error('usage: makePgliteTemplates <folder>');
// Every test file waits for this script, which applies the migrations and ends, too soon for optimizing to pay.
keepWebAssemblyOnBaselineCompiler();
const empty = join(root, 'empty');
const migrated = join(root, 'migrated');
mkdirSync(empty);
await initPgliteDirectory(empty);
cpSync(empty, migrated, { recursive: true });
const db = await openDatabase({ dataDir: migrated });
await migrate(db);
await db.close();
