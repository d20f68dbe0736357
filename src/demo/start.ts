import { fileURLToPath } from 'node:url';
import { closeOnSignal, listen, loadConfig, loaderScriptTag, openStore, readLoaderScript, startCheckoutServer } from '../server';
import { createShopApp } from './createShopApp';

// `npm start`: the checkout server and the demo shop, on two origins, over the embedded store.
const config = loadConfig();
const { db, demo } = await openStore(config);
const till = await startCheckoutServer({ db, publicUrl: config.publicUrl, port: config.port });
const shop = await listen(createShopApp({ tillUrl: config.publicUrl, apiKey: demo.apiKey }).fetch, config.shopPort);

console.log(`Till checkout server  ${till.url}`);
console.log(`Demo shop             ${shop.url}`);
console.log(`Demo merchant API key ${demo.apiKey}`);
console.log(`Script tag            ${loaderScriptTag(config.publicUrl, readLoaderScript(fileURLToPath(new URL('../../dist/', import.meta.url))))}`);
console.log(`Store                 ${config.databaseUrl ? 'Postgres (DATABASE_URL)' : `PGlite in ${config.dataDir}/`}`);
closeOnSignal(shop.close, till.close, db.close);
