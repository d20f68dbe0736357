import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, listen, openStore, type Database, type RunningServer } from '../../src/server';
import { freePort } from '../browser/support/freePort';
import { createTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { ATTW, type InstalledPackage, mustRunAsync, packAndInstall, ROOT, run, TSC, tsconfig } from './support/packages';

/**
 * The Node client as a merchant's server gets it: `npm pack` of packages/node, installed from the tarball into a
 * fresh app, then type-checked there and run against a real Till server on loopback. Its one dependency, zod, is
 * this repository's copy, named as the app's own dependency before the install so npm needs no registry.
 */
const PACKAGE_DIR = join(ROOT, 'packages/node');
const FIXTURE_APP = join(import.meta.dirname, 'node-app');

let installed: InstalledPackage;
let till: RunningServer;
let store: TestDatabase;
let db: Database;
let tillEnv: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(join(PACKAGE_DIR, 'dist/index.js'))) throw new Error('packages/node/dist is missing: run `npm run build` first.');
  const fixture = JSON.parse(readFileSync(join(FIXTURE_APP, 'package.json'), 'utf8'));
  const withZod = { ...fixture, dependencies: { zod: `file:${join(ROOT, 'node_modules/zod')}` } };
  installed = packAndInstall(PACKAGE_DIR, FIXTURE_APP, (app) => writeFileSync(join(app, 'package.json'), JSON.stringify(withZod)));

  store = await createTestDatabase({ migrated: true });
  const opened = await openStore(store.options);
  db = opened.db;
  const { demo } = opened;
  const port = await freePort();
  till = await listen(createApp({ db, publicUrl: `http://localhost:${port}/` }).fetch, port);
  tillEnv = { TILL_URL: `http://127.0.0.1:${port}`, TILL_API_KEY: demo.apiKey };
});

afterAll(async () => {
  await till?.close();
  await db?.close();
  await store?.drop();
  if (installed) rmSync(installed.workDir, { recursive: true, force: true });
});

describe('the packed Node client', () => {
  it('holds only its build, license and readme, and depends on zod alone', () => {
    const paths = installed.packed.files.map((file) => file.path).sort();
    expect(paths).toEqual(['LICENSE', 'README.md', 'dist/index.cjs', 'dist/index.d.cts', 'dist/index.d.ts', 'dist/index.js', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(installed.app, 'node_modules/@till-checkout/node/package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@till-checkout/node', license: 'MIT', sideEffects: false, type: 'module', repository: { directory: 'packages/node' } });
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.dependencies)).toEqual(['zod']);
  });

  it('passes publint, warnings included', async () => {
    const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(readFileSync(installed.tarball)).buffer }, strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`)).toEqual([]);
  });

  it('passes Are the Types Wrong for node16 (from ESM and CommonJS) and bundlers', () => {
    const { status, output } = run(process.execPath, [ATTW, installed.tarball, '--profile', 'node16', '--no-definitely-typed', '--format', 'ascii'], installed.workDir);
    expect({ status, output }).toMatchObject({ status: 0 });
  });
});

describe('a merchant’s server that installs the tarball', () => {
  it.each([
    ['bundler', { module: 'preserve', moduleResolution: 'bundler' }],
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
  ])('type-checks the seed 004 example and refuses wrong calls under moduleResolution %s', (mode, options) => {
    writeFileSync(join(installed.app, `tsconfig.${mode}.json`), JSON.stringify(tsconfig(options, ['main.ts'])));
    expect(run(process.execPath, [TSC, '-p', `tsconfig.${mode}.json`], installed.app)).toEqual({ status: 0, output: '', stdout: '' });
  });

  it('creates and reads a checkout session from an ES module, and gets a typed error for a missing one', async () => {
    const report = JSON.parse(await mustRunAsync(process.execPath, ['useTill.mjs'], installed.app, tillEnv));
    expect(report.session).toEqual({ id: expect.stringMatching(/^cs_test_/), hasToken: true });
    expect(report.fetched).toBe(report.session.id);
    expect(report.missing).toEqual({ isTillApiError: true, status: 404, code: 'resource_missing', requestId: 'string' });
  });

  it('requires the CommonJS build from CommonJS', async () => {
    const report = JSON.parse(await mustRunAsync(process.execPath, ['useTill.cjs'], installed.app, tillEnv));
    expect(report).toEqual({ resolved: expect.stringMatching(/\/node_modules\/@till-checkout\/node\/dist\/index\.cjs$/), plans: 1, verifyWebhook: 'function' });
  });
});
