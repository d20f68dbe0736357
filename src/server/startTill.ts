import { assertBuilt, DEFAULT_DIST_DIR } from './builtAssets';
import type { ServerConfig } from './config';
import { startCheckoutServer } from './startCheckoutServer';
import { openStore, type Store } from './store/openStore';
import { resolveHostname, type WebhookUrlPolicy } from './webhooks/checkWebhookUrl';
import { startWebhookWorker } from './webhooks/startWebhookWorker';

export interface RunningTill extends Store {
  url: string;
  /** Stops taking requests, then lets the webhook worker settle what it has in flight, then closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Vite's output, which must be built: see `assertBuilt`. */
  distDir?: string;
}

/** A whole checkout server process: the store, the HTTP server and its webhook worker. */
export async function startTill(config: ServerConfig, { distDir = DEFAULT_DIST_DIR }: StartOptions = {}): Promise<RunningTill> {
  assertBuilt(distDir);
  const store = await openStore(config);
  const urlPolicy: WebhookUrlPolicy = { resolve: resolveHostname, allowLoopback: config.development };
  const worker = startWebhookWorker({ db: store.db, urlPolicy, timeoutMs: config.webhookTimeoutMs });
  const server = await startCheckoutServer({
    db: store.db,
    publicUrl: config.publicUrl,
    distDir,
    port: config.port,
    webhooks: { urlPolicy, wake: worker.wake },
  });
  return {
    ...store,
    url: server.url,
    async close() {
      await server.close();
      await worker.stop();
      await store.db.close();
    },
  };
}
