import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../browser/support/freePort';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SpawnedTill {
  url: string;
  apiKey: string;
  process: ChildProcess;
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
 * `npm run serve` as a separate process (`src/server/main.ts` under tsx), in development mode so webhooks may go
 * to loopback, with a pinned API key, resolving once it listens.
 */
export async function spawnTill(store: StoreLocation, apiKey: string, env: Record<string, string> = {}): Promise<SpawnedTill> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
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
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Till checkout server on')) resolve();
    });
    exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  const url = `http://localhost:${port}`;
  return {
    url,
    apiKey,
    process: child,
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
