import { defineConfig } from 'vitest/config';

/**
 * One config, three builds, picked by `--mode`:
 * - default: the checkout app (index.html → dist/checkout), served by the server inside the iframe;
 * - `loader`: the script-tag IIFE (src/sdk/global.ts → dist/loader/checkout.js);
 * - `sdk`: the ESM entries for npm users (src/sdk/index.ts → dist/sdk/till.js, and the `useCheckout` hooks
 *   in dist/sdk/preact.js and react.js, which import their framework rather than bundle it).
 */
const libraryBuilds = {
  loader: { entry: 'src/sdk/global.ts', formats: ['iife' as const], name: 'TillLoader', fileName: () => 'checkout.js' },
  sdk: {
    entry: { till: 'src/sdk/index.ts', preact: 'src/sdk/preact.ts', react: 'src/sdk/react.ts' },
    formats: ['es' as const],
    fileName: (_: string, name: string) => `${name}.js`,
  },
};

export default defineConfig(({ mode }) => {
  const library = libraryBuilds[mode as keyof typeof libraryBuilds];
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: library
      ? {
          lib: library,
          outDir: `dist/${mode}`,
          emptyOutDir: true,
          target: 'es2022',
          copyPublicDir: false,
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
          },
        },
        { extends: true, test: { name: 'component', include: ['test/checkout/**/*.test.tsx'], environment: 'happy-dom' } },
        {
          extends: true,
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            testTimeout: 30_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
