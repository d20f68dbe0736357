import { closeOnSignal, loadConfig, startTill } from './index';

// The checkout server alone, with its webhook worker; `npm start` runs it together with the demo shop
// (src/demo/start.ts).
const till = await startTill(loadConfig());
console.log(`Till checkout server on ${till.url}`);
closeOnSignal(till.close);
