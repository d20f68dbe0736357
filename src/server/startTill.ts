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

/** A whole checkout server process: the store, the HTTP server and its webhook worker. */
export async function startTill(config: ServerConfig): Promise<RunningTill> {
  const store = await openStore(config);
  const urlPolicy: WebhookUrlPolicy = { resolve: resolveHostname, allowLoopback: config.development };
  const worker = startWebhookWorker({ db: store.db, urlPolicy, timeoutMs: config.webhookTimeoutMs });
  const server = await startCheckoutServer({
    db: store.db,
    publicUrl: config.publicUrl,
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
