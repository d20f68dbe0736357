import { closeOnSignal, loadConfig, startTill, type RunningTill } from './index';

// The checkout server alone, with its webhook worker, as `main.ts` starts it; `npm start` runs it together with the
// demo shop (src/demo/start.ts).
let till: RunningTill;
try {
  till = await startTill(loadConfig());
} catch (error) {
  // A sentence for the operator (a bad variable, a missing build, a store that does not answer), not a stack.
  console.error(`Till could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
till.logger.info({ url: till.url }, `Till checkout server on ${till.url}`);
closeOnSignal(till.close);
