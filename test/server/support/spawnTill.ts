import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../browser/support/freePort';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SpawnedTill {
  url: string;
  apiKey: string;
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr: its log. */
  output(): string;
  /** Resolves once its output contains `text`. */
  waitForOutput(text: string): Promise<void>;
  /** Calls the merchant API (or, with a session secret as `key`, the checkout app's API). */
  api(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
  /** SIGKILL: no handler runs, nothing is flushed or settled. */
  kill(): Promise<void>;
  /** SIGTERM, as a process manager stops a server; resolves with the exit code. */
  terminate(): Promise<number | null>;
}

export interface StoreLocation {
  /** PGlite's directory, or … */
  dataDir?: string;
  /** … a Postgres URL. */
  databaseUrl?: string;
}

/**
 * The checkout server as a separate process, started as `npm run serve` starts it (the build's dist/server/main.js
 * under plain `node`, which the test run keeps up to date: test/globalSetup.ts), in development mode so webhooks
 * may go to loopback, with a pinned API key, resolving once it listens. Not under tsx: compiling the server at each
 * start cost a second of CPU per process, and these tests start dozens.
 */
export async function spawnTill(
  store: StoreLocation,
  apiKey: string,
  env: Record<string, string> = {},
  /** Another checkout of Till, built, to run its server instead of this one's (bench/compareOpen.ts). */
  root = ROOT,
): Promise<SpawnedTill> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      TILL_API_KEY: apiKey,
      TILL_ENV: 'development',
      DATA_DIR: store.dataDir ?? '',
      DATABASE_URL: store.databaseUrl ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk;
    for (const check of waiters) check();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForOutput = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.includes(text)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      exited.then((code) => reject(new Error(`the server exited (${code}) before printing '${text}':\n${output}`)));
    });
  await waitForOutput('Till checkout server on');
  const url = `http://localhost:${port}`;
  return {
    url,
    apiKey,
    process: child,
    output: () => output,
    waitForOutput,
    async api(method, path, body, key = apiKey) {
      const response = await fetch(url + path, {
        method,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async terminate() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
