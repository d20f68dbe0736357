import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vite's output: `checkout/` (the app) and `loader/` (checkout.js). Two levels up from this module, which is the
 * same place whether it runs from source (src/server/) or bundled into dist/server/.
 */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

/** What the server serves from the build; without them it could only answer 500 for the checkout and its script. */
const REQUIRED_FILES = ['checkout/index.html', 'loader/checkout.js'];

/** The required build outputs missing from `distDir`, as paths relative to it. */
export function missingBuiltAssets(distDir: string): string[] {
  return REQUIRED_FILES.filter((file) => !existsSync(join(distDir, file)));
}

/** Refuses to start a server that would fail every checkout, with the one thing to do about it. */
export function assertBuilt(distDir: string): void {
  const missing = missingBuiltAssets(distDir);
  if (missing.length > 0) {
    throw new Error(
      `The checkout app is not built (missing ${missing.map((file) => join(distDir, file)).join(' and ')}). Run \`npm run build\`, then start the server again.`,
    );
  }
}
