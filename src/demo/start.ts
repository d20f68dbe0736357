import { closeOnSignal, DEFAULT_DIST_DIR, listen, loadConfig, loaderScriptTag, readLoaderScript, startTill } from '../server';
import { createShopApp, SHOP_WEBHOOK_PATH } from './createShopApp';
import { registerShopWebhook } from './registerShopWebhook';

// `npm start`: the checkout server (with its webhook worker) and the demo shop, on two origins, over the embedded
// store. The demo is development mode, whatever TILL_ENV says: its webhooks go to the shop on localhost; its log is
// for reading, one short line per request.
const config = { ...loadConfig(), development: true, logFormat: 'pretty' as const };
const till = await startTill(config);
// Development, so the demo merchant exists (startTill).
const { apiKey } = till.demo!;
const webhook = await registerShopWebhook({
  tillUrl: config.publicUrl,
  apiKey,
  url: new URL(SHOP_WEBHOOK_PATH, `http://localhost:${config.shopPort}/`).href,
  db: till.db,
});
const shop = await listen(createShopApp({ tillUrl: config.publicUrl, apiKey, webhookSecret: webhook.secret }).fetch, config.shopPort);

console.log(`Till checkout server  ${till.url}`);
console.log(`Demo shop             ${shop.url}`);
console.log(`Webhooks              ${webhook.url} (${webhook.webhookEndpointId}, ${webhook.action})`);
console.log(`Demo merchant API key ${apiKey}`);
console.log(`Script tag            ${loaderScriptTag(config.publicUrl, readLoaderScript(DEFAULT_DIST_DIR))}`);
console.log(`Store                 ${config.databaseUrl ? 'Postgres (DATABASE_URL)' : `PGlite in ${config.dataDir}/`}`);
// Till first, so the webhooks it is sending still reach the shop.
closeOnSignal(till.close, shop.close);
