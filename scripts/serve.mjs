// `npm run serve`: the compiled checkout server under plain `node`. Plain JavaScript itself, so that on a clone
// that was never built it can still say what to do, rather than Node's "Cannot find module".
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('Till is not built yet (dist/server/main.js is missing). Run `npm run build`, then `npm run serve` again.');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(main.href);
