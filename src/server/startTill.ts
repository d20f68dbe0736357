import { assertBuilt, DEFAULT_DIST_DIR } from './builtAssets';
import type { ServerConfig } from './config';
import { keepHeapSmall } from './keepHeapSmall';
import { createLogger, type Logger } from './logging/createLogger';
import { processorForMerchant } from './payments/processorForMerchant';
import { killAfterOffSessionCharges } from './payments/test/killAfterOffSessionCharges';
import { startCheckoutServer } from './startCheckoutServer';
import type { Database } from './store/Database';
import { migrate } from './store/migrate';
import { openDatabase } from './store/openDatabase';
import { seedDemo, type DemoMerchant } from './store/seedDemo';
import { resolveHostname, type WebhookUrlPolicy } from './webhooks/checkWebhookUrl';
import { startWebhookWorker } from './webhooks/startWebhookWorker';

export interface RunningTill {
  db: Database;
  /**
   * The demo merchant (Acme AI, its catalog and a test key), made only in development (`npm start`) or when
   * `TILL_API_KEY` pins its key: a production server holds only the merchants its operator makes with the CLI.
   */
  demo: DemoMerchant | null;
  url: string;
  logger: Logger;
  /** Stops taking requests, then lets the webhook worker settle what it has in flight, then closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Vite's output, which must be built: see `assertBuilt`. */
  distDir?: string;
  /** Default: the configured level and format, on stdout. */
  logger?: Logger;
}

/** A whole checkout server process: the store, the HTTP server and its background worker (webhooks, renewals). */
export async function startTill(config: ServerConfig, options: StartOptions = {}): Promise<RunningTill> {
  const { distDir = DEFAULT_DIST_DIR, logger = createLogger({ level: config.logLevel, format: config.logFormat }) } = options;
  assertBuilt(distDir);
  // The embedded store and the server share this process's memory, which issue 13 holds to 200 MB. PGlite's thread
  // sets these flags again: starting a thread sets V8's flags back to those the process started with.
  if (!config.databaseUrl) keepHeapSmall();
  const db = await openDatabase({ ...config, pgliteOwnThread: true });
  await migrate(db);
  // The demo key is kept readable in the store, for `npm start` to print at every start: a development convenience,
  // which a production server neither needs nor should hold beside the hashes of its merchants' keys.
  const demo = config.development || config.apiKey !== undefined ? await seedDemo(db, config.apiKey) : null;
  const urlPolicy: WebhookUrlPolicy = { resolve: resolveHostname, allowLoopback: config.development };
  // Merchants without settings stay on the built-in test processor, as with createApp's default. The kill hook is
  // for the renewal durability test only, and only in development.
  const killAfter = config.development ? Number(process.env.TILL_TEST_KILL_AFTER_OFF_SESSION_CHARGES ?? 0) : 0;
  const byMerchant = processorForMerchant({ encryptionKey: config.encryptionKey });
  const processorFor = killAfter > 0 ? killAfterOffSessionCharges(byMerchant, killAfter) : byMerchant;
  const worker = startWebhookWorker({
    db,
    urlPolicy,
    processorFor,
    timeoutMs: config.webhookTimeoutMs,
    onError: (error) => logger.error({ err: error }, 'webhook worker round failed'),
  });
  let server: Awaited<ReturnType<typeof startCheckoutServer>>;
  try {
    server = await startCheckoutServer({
      db,
      publicUrl: config.publicUrl,
      distDir,
      port: config.port,
      webhooks: { urlPolicy, wake: worker.wake },
      logger,
      rateLimits: config.rateLimits,
      trustedProxies: config.trustedProxies,
      processorFor,
      encryptionKey: config.encryptionKey,
    });
  } catch (error) {
    // A port in use, say: what started is stopped, so that the store (and a PGlite directory's lock) is given back.
    await worker.stop();
    await db.close();
    throw error;
  }
  return {
    db,
    demo,
    url: server.url,
    logger,
    async close() {
      logger.info('Stopping: no new connections; finishing the requests and webhook attempts in flight');
      await server.close();
      await worker.stop();
      await db.close();
      logger.info('Stopped');
    },
  };
}
