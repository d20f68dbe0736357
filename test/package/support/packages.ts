import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
export const ATTW = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');

/** The child processes see none of npm's or Vitest's variables (NODE_ENV=test would change Vite's build). */
export const CLEAN_ENV = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };

export function run(command: string, args: string[], cwd: string) {
  const { status, stdout, stderr, error } = spawnSync(command, args, { cwd, env: CLEAN_ENV, encoding: 'utf8' });
  if (error) throw error;
  return { status, output: `${stdout}${stderr}`, stdout };
}

/** Runs a command that must succeed, and shows what it said when it did not. */
export function mustRun(command: string, args: string[], cwd: string): string {
  const { status, output, stdout } = run(command, args, cwd);
  if (status !== 0) throw new Error(`${[command, ...args].join(' ')} exited ${status}:\n${output}`);
  return stdout;
}

/** `mustRun` without blocking this process, for a child that talks to a server this process runs. */
export function mustRunAsync(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...CLEAN_ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolvePromise(stdout) : reject(new Error(`${[command, ...args].join(' ')} exited ${status}:\n${stdout}${stderr}`)),
    );
  });
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface InstalledPackage {
  workDir: string;
  app: string;
  tarball: string;
  packed: { filename: string; files: PackedFile[]; size: number };
}

/**
 * `npm pack` of a package of this repository (built by `npm run build`), installed from the tarball into a copy of
 * `fixtureApp` in a temporary folder, offline: whatever the package needs must already be in the app, or be put
 * there by `prepare` before the install.
 */
export function packAndInstall(packageDir: string, fixtureApp: string, prepare: (app: string) => void = () => {}): InstalledPackage {
  const workDir = mkdtempSync(join(tmpdir(), 'till-package-'));
  // --ignore-scripts: pack what `npm run build` made, as CI built it, rather than rebuild mid-suite.
  const [packed] = JSON.parse(mustRun('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], packageDir));
  const tarball = join(workDir, packed.filename);
  const app = join(workDir, 'app');
  cpSync(fixtureApp, app, { recursive: true });
  prepare(app);
  mustRun('npm', ['install', tarball, '--offline', '--cache', join(workDir, 'npm-cache'), '--no-audit', '--no-fund', '--ignore-scripts'], app);
  return { workDir, app, tarball, packed };
}

/**
 * Strict, and `skipLibCheck` off: the package's own declarations are checked as well. TypeScript's own lib files
 * (`lib.dom.d.ts` and the rest) are not ours to check, and checking them was half of each run (13 → 8 s, issue 13).
 */
export function tsconfig(options: { module: string; moduleResolution: string }, files: string[], lib = ['es2022', 'dom']) {
  return {
    compilerOptions: { ...options, target: 'es2022', lib, types: [], strict: true, noEmit: true, skipLibCheck: false, skipDefaultLibCheck: true },
    files,
  };
}
