import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's PGlite templates live: `empty/` (just created) and `migrated/` (every migration applied). */
    pgliteTemplates: string;
  }
}

/**
 * The tests that start the server or the CLI as a process run the build (dist/server), as production does. `npm
 * test` has just built it; a run of vitest alone after an edit to src/ builds it again, so no test runs stale code.
 */
function buildServerIfStale() {
  const built = statSync('dist/server/main.js', { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const edited = readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .some((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs > built);
  if (edited) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildServer.ts'], { stdio: 'inherit' });
}

/**
 * Creating a PGlite database runs initdb in WebAssembly: 3–6 s on two busy cores, once per store, and the suite
 * opens dozens (besides those `openTestStore` hands out again). Copying a directory made once per run takes a
 * fraction of that, so the stores tests open on PGlite start as copies of these two (see `createTestDatabase`). On
 * tmpfs where there is one: PGlite runs without fsync, so its files are read and written like memory anyway.
 */
export default function setup(project: TestProject) {
  // Projects that extend the root config each run this; the first one makes the templates, for all.
  const made = process.env.TILL_TEST_PGLITE_TEMPLATES;
  if (made) return void project.provide('pgliteTemplates', made);
  buildServerIfStale();
  const root = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'till-test-stores-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'test/support/makePgliteTemplates.ts', root], { stdio: 'inherit' });
  process.env.TILL_TEST_PGLITE_TEMPLATES = root;
  project.provide('pgliteTemplates', root);
  return () => rmSync(root, { recursive: true, force: true });
}
