import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { startTill } from '../../src/server/startTill';
import { LOCK_FILE } from '../../src/server/store/lockDataDir';
import { spawnTill } from './support/spawnTill';

// `npm run serve` as an operator runs it: the JavaScript that `npm run build` wrote (npm test builds first).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const API_KEY = 'sk_test_compiled_0123456789';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `node …args` in `cwd` to its end, or until `timeout` ms have passed (then SIGTERM: a server that should not have started). */
function runNode(args: string[], { cwd = ROOT, env = {}, timeout = 0 }: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, args, { cwd, env: { ...process.env, ...env }, timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('the compiled server', { timeout: 120_000 }, () => {
  it('runs under plain node, serves the checkout script and the API, refuses a second server its directory, and exits 0 on SIGTERM, freeing it', async () => {
    const dataDir = tempDir('till-compiled-');
    const till = await spawnTill({ dataDir }, API_KEY);
    cleanups.push(() => till.kill());
    expect(till.process.spawnargs.join(' ')).not.toContain('tsx');

    const script = await fetch(`${till.url}/checkout.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('Till');
    expect((await till.api('GET', '/v1/subscription_configs')).status).toBe(200);

    // PGlite's directory is one process's: a second server on it is refused, and the first serves on.
    const second = await runNode(['dist/server/main.js'], { env: { PORT: '0', DATA_DIR: dataDir }, timeout: 30_000 });
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(
      `Till could not start: The PGlite directory ${dataDir} is in use by process ${till.process.pid}: stop it first, or point DATA_DIR elsewhere`,
    );
    expect((await till.api('GET', '/v1/subscription_configs')).status).toBe(200);

    expect(await till.terminate()).toBe(0);
    expect(readdirSync(dataDir)).not.toContain(LOCK_FILE);
  });

  it('tells the operator to run npm run build when the server was never built', async () => {
    // A clone that was never built: the launcher, and no dist/ beside it.
    const clone = tempDir('till-unbuilt-');
    mkdirSync(join(clone, 'scripts'));
    copyFileSync(join(ROOT, 'scripts/serve.mjs'), join(clone, 'scripts/serve.mjs'));

    const { code, stdout, stderr } = await runNode(['scripts/serve.mjs'], { cwd: clone });

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('Till is not built yet (dist/server/main.js is missing). Run `npm run build`, then `npm run serve` again.');
  });

  it.each([
    ['nothing was built', [], 'checkout/index.html and'],
    ['only the checkout app was built', ['checkout/index.html'], 'loader/checkout.js'],
    ['only the loader was built', ['loader/checkout.js'], 'checkout/index.html'],
  ])('refuses to start when %s, naming what is missing and what to run', async (_, built, named) => {
    const distDir = tempDir('till-dist-');
    for (const file of built) {
      mkdirSync(join(distDir, file, '..'), { recursive: true });
      writeFileSync(join(distDir, file), '');
    }
    await expect(startTill(loadConfig({ PORT: '0' }), { distDir })).rejects.toThrow(
      new RegExp(`^The checkout app is not built \\(missing [^)]*${named.replace(/\./g, '\\.')}[^)]*\\)\\. Run \`npm run build\`, then start the server again\\.$`),
    );
  });

  it('explains in one line, without a stack, why it cannot start', async () => {
    const { code, stderr } = await runNode(['--import', 'tsx', 'src/server/main.ts'], {
      env: { PORT: '0', DATA_DIR: tempDir('till-bad-env-'), TILL_WEBHOOK_TIMEOUT_MS: '5' },
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("Till could not start: TILL_WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000, not '5'.");
  });
});
