import { cpSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTW, type InstalledPackage, mustRun, packAndInstall, ROOT, run, TSC, tsconfig as strictTsconfig } from './support/packages';

/**
 * The SDK as a merchant gets it: `npm pack` of packages/js (built by `npm run build`), installed from the
 * tarball into a fresh app in a temporary folder. The tarball has no dependencies, so the install works
 * offline; TypeScript, Vite and the optional peers come from this repository's node_modules, the first two
 * run from here and the peers linked in, so nothing is downloaded.
 */
const PACKAGE_DIR = join(ROOT, 'packages/js');
const FIXTURE_APP = join(import.meta.dirname, 'app');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

let workDir: string;
let app: string;
let tarball: string;
let packed: InstalledPackage['packed'];

beforeAll(() => {
  if (!existsSync(join(PACKAGE_DIR, 'dist/till.js'))) throw new Error('packages/js/dist is missing: run `npm run build` first.');
  ({ workDir, app, tarball, packed } = packAndInstall(PACKAGE_DIR, FIXTURE_APP));
  // The hook entries' optional peers, for running them; npm installs neither.
  for (const peer of ['preact', 'react']) symlinkSync(join(ROOT, 'node_modules', peer), join(app, 'node_modules', peer), 'dir');
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed SDK', () => {
  it('holds only its own build, license and readme', () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths.filter((path) => !path.startsWith('dist/'))).toEqual(['LICENSE', 'README.md', 'package.json']);
    for (const entry of ['till', 'preact', 'react']) {
      expect(paths).toEqual(expect.arrayContaining([`dist/${entry}.js`, `dist/${entry}.cjs`, `dist/${entry}.d.ts`, `dist/${entry}.d.cts`]));
    }
    expect(paths).toEqual(expect.arrayContaining(['dist/global.d.ts', 'dist/global.d.cts']));
    // Shared chunks aside, nothing else: no source, no source maps, no checkout app, no server.
    for (const path of paths.filter((path) => path.startsWith('dist/'))) expect(path).toMatch(/^dist\/[\w-]+\.(js|cjs|d\.ts|d\.cts)$/);
  });

  it('is publishable, with no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/@till-checkout/js/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@till-checkout/js', license: 'MIT', sideEffects: false, type: 'module' });
    expect(manifest.private).toBeUndefined();
    expect(manifest.repository).toMatchObject({ directory: 'packages/js' });
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.values(manifest.peerDependenciesMeta)).toEqual([{ optional: true }, { optional: true }]);
    // What the app's install brought: the package and nothing else (the peers are linked in afterwards).
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
    expect(Object.keys(lock.packages)).toEqual(['', 'node_modules/@till-checkout/js']);
  });

  it('passes publint, warnings included', async () => {
    const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer }, strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`)).toEqual([]);
  });

  it('passes Are the Types Wrong for node16 (from ESM and CommonJS) and bundlers', () => {
    // node10 resolution predates `exports` and cannot see the subpaths; TypeScript has deprecated it.
    const { status, output } = run(process.execPath, [ATTW, tarball, '--profile', 'node16', '--no-definitely-typed', '--format', 'ascii'], workDir);
    // Any problem, a warning too, exits 1; the output names it.
    expect({ status, output }).toMatchObject({ status: 0 });
    expect(output).toContain('"@till-checkout/js/global"');
  });
});

describe('an app that installs the tarball', () => {
  it.each([
    ['bundler', { module: 'preserve', moduleResolution: 'bundler' }],
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
  ])('type-checks under moduleResolution %s, with the library checked too', (mode, options) => {
    writeFileSync(join(app, `tsconfig.${mode}.json`), JSON.stringify(tsconfig(options)));
    expect(run(process.execPath, [TSC, '-p', `tsconfig.${mode}.json`], app)).toEqual({ status: 0, output: '', stdout: '' });
  });

  it('would fail that check if open were any', () => {
    // The same app against a package whose `open` is untyped: the @ts-expect-error lines become errors.
    const untyped = join(workDir, 'untyped-app');
    cpSync(app, untyped, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(untyped, 'node_modules/@till-checkout/js/dist/till.d.ts'), `declare const anything: any;\ntype Anything = any;\nexport { anything as open, anything as preload, anything as TillError, type Anything as CheckoutHandle, type Anything as CheckoutResult, type Anything as TillErrorCode };\n`);
    writeFileSync(join(untyped, 'tsconfig.json'), JSON.stringify(tsconfig({ module: 'preserve', moduleResolution: 'bundler' })));
    const { status, output } = run(process.execPath, [TSC, '-p', 'tsconfig.json'], untyped);
    expect(status).not.toBe(0);
    expect(output).toMatch(/main\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
  });

  it('builds with Vite, taking the ES module', () => {
    mustRun(process.execPath, [VITE, 'build', '--logLevel', 'error'], app);
    const assets = readdirSync(join(app, 'dist/assets')).filter((name) => name.endsWith('.js'));
    expect(assets).toHaveLength(1);
    const code = readFileSync(join(app, 'dist/assets', assets[0]!), 'utf8');
    // Error codes only the SDK's own code names (TillError's message is its code), bundled in; no CommonJS wrapper
    // around it.
    expect(code).toContain('invalid_token');
    expect(code).toContain('handshake_timeout');
    expect(code).not.toMatch(/\brequire\(|\bexports\./);
  });

  it.each([
    ['requires it from CommonJS', 'requireFromNode.cjs', /\/node_modules\/@till-checkout\/js\/dist\/till\.cjs$/],
    ['imports it from an ES module', 'importFromNode.mjs', /\/node_modules\/@till-checkout\/js\/dist\/till\.js$/],
  ])('%s in Node, where open reports not_in_browser', (_, script, resolved) => {
    const report = JSON.parse(mustRun(process.execPath, [script], app));
    expect(report.resolved).toMatch(resolved);
    expect(report.exports).toEqual({ open: 'function', preload: 'function', TillError: 'function', preact: 'function', react: 'function' });
    expect(report.result).toEqual({ type: 'error', code: 'not_in_browser', isTillError: true });
  });
});

function tsconfig(options: { module: string; moduleResolution: string }) {
  return strictTsconfig(options, ['main.ts', 'hooks.ts', 'commonjs.cts']);
}
