import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoaderScript {
  source: string;
  /** The immutable, versioned file name beside `/checkout.js`: `checkout-<content hash>.js`. */
  file: string;
  /** Subresource Integrity value for `<script integrity>`. */
  integrity: string;
}

/** Reads the built script-tag loader and derives its versioned name and SRI hash from its bytes. */
export function readLoaderScript(distDir: string): LoaderScript {
  const source = readFileSync(join(distDir, 'loader', 'checkout.js'), 'utf8');
  const digest = createHash('sha384').update(source).digest();
  return {
    source,
    file: `checkout-${digest.toString('base64url').slice(0, 12)}.js`,
    integrity: `sha384-${digest.toString('base64')}`,
  };
}

/** The tag a merchant pastes, pinned to this exact build. */
export function loaderScriptTag(publicUrl: string, { file, integrity }: LoaderScript): string {
  return `<script src="${publicUrl}${file}" integrity="${integrity}" crossorigin="anonymous"></script>`;
}
