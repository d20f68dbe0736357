import type { Database } from './Database';
import { migrate } from './migrate';
import { openDatabase, type DatabaseOptions } from './openDatabase';
import { seedDemo, type DemoMerchant } from './seedDemo';

export interface Store {
  db: Database;
  demo: DemoMerchant;
}

/** Opens the database, applies pending migrations and makes sure the demo merchant exists. */
export async function openStore(options: DatabaseOptions & { apiKey?: string }): Promise<Store> {
  const db = await openDatabase(options);
  await migrate(db);
  return { db, demo: await seedDemo(db, options.apiKey) };
}
