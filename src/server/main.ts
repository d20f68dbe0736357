import { keepHeapSmall } from './keepHeapSmall';

// The server process's entry: compiled to dist/server/main.js by `npm run build`, which `npm run serve` and the Docker
// image run with plain `node`. On the embedded store, V8's heap flags are set before the server's modules and their
// packages load (`runServer`, its own module in the build): loading them grew the young generation to its 16 MB
// limit, where the flags keep it at 1 MB, and it stayed there (issue 13: server RSS at peak under load about 218 →
// 204 MB). The name is a variable so that the build leaves the import to run here, not bundled ahead of this line.
if (!process.env.DATABASE_URL) keepHeapSmall();
const server = './runServer.js';
await import(server);
