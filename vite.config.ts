import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDtsBundle } from 'dts-bundle-generator';
import { build as esbuild } from 'esbuild';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/SlowFilesFirst.ts';

/**
 * One config, three builds, picked by `--mode`:
 * - default: the checkout app (index.html → dist/checkout), served by the server inside the iframe;
 * - `loader`: the script-tag IIFE (src/sdk/global.ts → dist/loader/checkout.js);
 * - `sdk`: the npm package @till-checkout/js (packages/js): src/sdk/index.ts → dist/till.js, and the
 *   `useCheckout` hooks in dist/preact.js and react.js, which import their framework rather than bundle it;
 *   each as ESM (.js) and CommonJS (.cjs), with its declarations rolled into one file.
 */
const SDK_OUT_DIR = 'packages/js/dist';
/**
 * The component tests that replace a module with `vi.mock`: only a fresh worker imports the replacement, and in a
 * shared one the mock would stay for every later file. Read beside this file, not the working directory; none in the
 * image's build, which has no tests (.dockerignore).
 */
const componentTestDir = fileURLToPath(new URL('./test/checkout/', import.meta.url));
const mockingComponentFiles = existsSync(componentTestDir)
  ? readdirSync(componentTestDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.test.tsx') && /\bvi\s*\.\s*(do)?mock\s*[<(]/i.test(readFileSync(join(componentTestDir, name), 'utf8')))
      .map((name) => `test/checkout/${name.split(sep).join('/')}`)
  : [];

const sdkEntries = { till: 'src/sdk/index.ts', preact: 'src/sdk/preact.ts', react: 'src/sdk/react.ts' };
const libraryBuilds = {
  loader: { entry: 'src/sdk/global.ts', formats: ['iife' as const], name: 'TillLoader', fileName: () => 'checkout.js' },
  sdk: {
    entry: sdkEntries,
    formats: ['es' as const, 'cjs' as const],
    fileName: (format: string, name: string) => `${name}.${format === 'cjs' ? 'cjs' : 'js'}`,
  },
};

/**
 * One declaration file per entry, with nothing imported from elsewhere: node16 and nodenext resolution refuse
 * relative imports without extensions (TS2834), and rolling up keeps out whatever src/protocol holds beyond the
 * types the SDK uses. The .d.cts copy types the `require` condition as CommonJS. `global` declares `window.Till`
 * for pages that load the script tag; the ESM entries leave it out.
 */
function sdkDeclarations(): Plugin {
  const entries = { ...sdkEntries, global: 'src/sdk/TillGlobal.ts' };
  return {
    name: 'till-sdk-declarations',
    apply: 'build',
    closeBundle() {
      const bundles = generateDtsBundle(
        Object.entries(entries).map(([name, filePath]) => ({
          filePath,
          libraries: { allowedTypesLibraries: [] },
          output: { noBanner: true, exportReferencedTypes: false, inlineDeclareGlobals: name === 'global' },
        })),
        { preferredConfigPath: 'tsconfig.types.json' },
      );
      mkdirSync(SDK_OUT_DIR, { recursive: true });
      Object.keys(entries).forEach((name, index) => {
        for (const extension of ['d.ts', 'd.cts']) writeFileSync(`${SDK_OUT_DIR}/${name}.${extension}`, bundles[index]!);
      });
    },
  };
}

/**
 * Vite wraps each dynamic `import()` of the app in its preload helper, which fetches the chunk's CSS and
 * `modulepreload`s its imports first, and dispatches `vite:preloadError` when that fails. The app's lazy chunks
 * (a locale's messages, the popover, Stripe's Payment Element) import no CSS and, with `modulePreload: false`,
 * get nothing to preload, so the helper only ever calls the import: this is that call, without the 691 B (gzip)
 * of first load that the helper's unused machinery cost. A chunk that fails to load rejects as the import would,
 * and each caller handles that (`loadLocalization` falls back to English, the Payment Element shows an error).
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  let replaced = false;
  return {
    name: 'till-plain-dynamic-imports',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (id !== helper) return undefined;
      replaced = true;
      return 'export const __vitePreload = (load) => load();';
    },
    // The helper's id is Vite's own, not its API: a Vite that renames it would bring the 691 B back unnoticed.
    buildEnd() {
      if (!replaced) this.error(`Vite's preload helper is no longer '${helper.slice(1)}': update plainDynamicImports in vite.config.ts.`);
    },
  };
}

/**
 * Issue 13: index.html's `<!--till-boot-->` becomes src/checkout/boot/bootScript.ts, bundled and inlined, so that the frame
 * says hello while its page is parsed and asks for the session as soon as the secret arrives, before the app's
 * module has been fetched. It sits before the app's module and stylesheet, which it must not wait for; the server
 * allows it by its hash (see checkoutPage.ts), as the page's CSP allows no other inline script.
 */
function inlineBoot(): Plugin {
  const placeholder = '<!--till-boot-->';
  return {
    name: 'till-inline-boot',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(placeholder)) throw new Error(`index.html has no ${placeholder}: update inlineBoot in vite.config.ts.`);
        const result = await esbuild({
          entryPoints: ['src/checkout/boot/bootScript.ts'],
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2022',
          write: false,
        });
        return html.replace(placeholder, `<script>${result.outputFiles[0]!.text.trim()}</script>`);
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const library = libraryBuilds[mode as keyof typeof libraryBuilds];
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // The top-level public/ holds the demo shop's files, which its own server serves (src/demo/createShopApp.ts):
    // none of them belongs in dist/checkout, dist/loader or packages/js/dist, which Vite would copy them into otherwise.
    publicDir: false,
    plugins: mode === 'sdk' ? [sdkDeclarations()] : library ? [] : [plainDynamicImports(), inlineBoot()],
    build: library
      ? {
          lib: library,
          outDir: mode === 'sdk' ? SDK_OUT_DIR : `dist/${mode}`,
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          rollupOptions: { external: ['preact', 'preact/hooks', 'react'] },
        }
      : {
          outDir: 'dist/checkout',
          emptyOutDir: true,
          target: 'es2022',
          // The lazy chunks (one per locale) import nothing the first load hasn't already run: there is nothing to
          // preload, and the modulepreload polyfill would only grow the first load.
          modulePreload: false,
        },
    test: {
      // Makes the PGlite stores that tests copy instead of creating their own (see the file).
      globalSetup: ['test/globalSetup.ts'],
      // Vitest's default is one worker fewer than the cores: one, on two. Most of a test's time here is spent waiting
      // on another process (a spawned server, Chromium, PGlite's queries), so two files at a time keep both cores busy.
      maxWorkers: 2,
      sequence: { sequencer: SlowFilesFirst },
      projects: [
        {
          extends: true,
          // Store tests start a fresh PGlite (a WebAssembly Postgres) each; on two busy cores that alone can take
          // several seconds, so the default 5 s would fail tests that are merely slow. A server test file boots its
          // store in `beforeAll`, which beside the browser project can take longer than the default 10 s for hooks.
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
            environment: 'node',
            testTimeout: 30_000,
            hookTimeout: 60_000,
            // Each file imports the server afresh otherwise, which cost more than any but the slowest files. What a
            // test file starts (a store, a server) is its own either way; module state tests rely on is reset in them.
            isolate: false,
          },
        },
        {
          extends: true,
          // One happy-dom worker goes from file to file: a fresh one per file cost twice the project's time (issue 13).
          // The setup file empties the page after each test, as a fresh worker would have.
          test: {
            name: 'component',
            include: ['test/checkout/**/*.test.tsx'],
            exclude: mockingComponentFiles,
            environment: 'happy-dom',
            pool: 'threads',
            isolate: false,
            setupFiles: ['test/checkout/cleanUpEachTest.ts'],
          },
        },
        {
          extends: true,
          // A module `vi.mock` replaces must be imported afresh, so these files get a fresh worker each; a thread
          // starts for less than a process, and nothing here needs a process of its own.
          test: {
            name: 'component-mocking',
            include: mockingComponentFiles,
            environment: 'happy-dom',
            pool: 'threads',
            setupFiles: ['test/checkout/cleanUpEachTest.ts'],
          },
        },
        {
          extends: true,
          // Packs packages/js and installs it into a temporary app, then type-checks, builds and runs that app.
          test: { name: 'package', include: ['test/package/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000 },
        },
        {
          extends: true,
          // Each file starts its own stack and Chromium on ports of its own, so files run beside each other and beside
          // the other projects' files: a browser file spends most of its time waiting on Chromium and its servers.
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            testTimeout: 30_000,
            hookTimeout: 60_000,
            // `expect.poll` waits for what Chromium does in its own time (focus moving into a frame, a layout); on two
            // busy cores that has taken more than the default second.
            expect: { poll: { timeout: 5_000 } },
            // As in the unit project: a file's stack and Chromium are its own, and importing the server afresh for
            // each file cost about 15 of the project's 125 CPU-s (issue 13).
            isolate: false,
          },
        },
      ],
    },
  };
});
