/**
 * `npm run build`: the browser builds (the checkout app, the loader, the npm package @till-checkout/js, each a
 * `vite build --mode`, see vite.config.ts) beside the Node builds (the server and CLI, then @till-checkout/node). The
 * two chains share nothing, and each keeps one core busy: side by side they take 6 s on two cores, not 10 (issue 13).
 */
import { inOrder, together } from './runSteps.mjs';

process.exit(
  await together(
    () => inOrder(['vite', 'build'], ['vite', 'build', '--mode', 'loader'], ['vite', 'build', '--mode', 'sdk']),
    () => inOrder(['tsx', 'scripts/buildServer.ts'], ['tsx', 'scripts/buildNodeClient.ts']),
  ),
);
