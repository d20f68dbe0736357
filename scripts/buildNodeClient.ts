/**
 * `npm run build`'s step for @till-checkout/node (packages/node): src/client/index.ts as one ES module and one
 * CommonJS file, with its declarations rolled into one file per format. zod stays an import (the package's one
 * dependency, whose types the declarations name); everything else, standardwebhooks included, is bundled.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { generateDtsBundle } from 'dts-bundle-generator';
import { build } from 'esbuild';

const OUT_DIR = 'packages/node/dist';
const ENTRY = 'src/client/index.ts';

rmSync(OUT_DIR, { recursive: true, force: true });
for (const format of ['esm', 'cjs'] as const) {
  await build({
    entryPoints: [ENTRY],
    outfile: `${OUT_DIR}/index.${format === 'esm' ? 'js' : 'cjs'}`,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    external: ['zod'],
    logLevel: 'warning',
  });
}
const [declarations] = generateDtsBundle(
  [{ filePath: ENTRY, libraries: { importedLibraries: ['zod'], allowedTypesLibraries: [] }, output: { noBanner: true, exportReferencedTypes: false } }],
  { preferredConfigPath: 'tsconfig.types.json' },
);
mkdirSync(OUT_DIR, { recursive: true });
for (const extension of ['d.ts', 'd.cts']) writeFileSync(`${OUT_DIR}/index.${extension}`, declarations!);
console.log(`Node client built into ${OUT_DIR}/ (index.js, index.cjs, index.d.ts, index.d.cts)`);
