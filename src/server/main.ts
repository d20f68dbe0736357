import { closeOnSignal, loadConfig, openStore, startCheckoutServer } from './index';

// The checkout server alone; `npm start` runs it together with the demo shop (src/demo/start.ts).
const config = loadConfig();
const { db } = await openStore(config);
const server = await startCheckoutServer({ db, publicUrl: config.publicUrl, port: config.port });
console.log(`Till checkout server on ${server.url}`);
closeOnSignal(server.close, db.close);
