/**
 * `npm run build`'s last step: the server and the operator's CLI as plain JavaScript, so production runs them with
 * `node` (no tsx, no TypeScript at run time). One ES module per entry in `dist/server/`, our code bundled and every
 * package left to `node_modules`, with the migrations copied beside them.
 */
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT_DIR = 'dist/server';

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  // `main` loads `runServer` once its V8 flags are set, and PGlite's thread is a module of its own, found beside the
  // one that starts it (`startPgliteThread`).
  entryPoints: {
    main: 'src/server/main.ts',
    runServer: 'src/server/runServer.ts',
    cli: 'src/server/cli.ts',
    pgliteWorker: 'src/server/store/pgliteWorker.ts',
  },
  outdir: OUT_DIR,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages stay imports: PGlite's WebAssembly and pino's worker files are found next to their own modules.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// `migrate.ts` reads `./migrations/` beside the module it ends up in: src/server/store/ from source, dist/server/
// once bundled.
cpSync('src/server/store/migrations', `${OUT_DIR}/migrations`, { recursive: true });
console.log(`Server built into ${OUT_DIR}/ (main.js, runServer.js, cli.js, pgliteWorker.js, migrations/)`);
