import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
 * Creating a PGlite database runs initdb in WebAssembly: 3–6 s on two busy cores, once per store, and the suite
 * opens well over a hundred stores. Copying a directory made once per run takes a fraction of that, so the stores
 * tests open on PGlite start as copies of these two (see `createTestDatabase`). On tmpfs where there is one: PGlite
 * runs without fsync, so its files are read and written like memory anyway.
 */
export default function setup(project: TestProject) {
  // Projects that extend the root config each run this; the first one makes the templates, for all.
  const made = process.env.TILL_TEST_PGLITE_TEMPLATES;
  if (made) return void project.provide('pgliteTemplates', made);
  const root = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'till-test-stores-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'test/support/makePgliteTemplates.ts', root], { stdio: 'inherit' });
  process.env.TILL_TEST_PGLITE_TEMPLATES = root;
  project.provide('pgliteTemplates', root);
  return () => rmSync(root, { recursive: true, force: true });
}
