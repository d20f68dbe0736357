import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface Budget {
  name: string;
  path: string;
  /** Measure `path` with its imports, minified, as a merchant's bundler would ship it. */
  bundle?: boolean;
  /** `path` is an HTML page: measure the scripts and stylesheets it loads first (lazy chunks excluded). */
  firstLoad?: boolean;
  limit: number;
}

/** Each file gzipped on its own, as a browser fetches them. */
const gzipSize = (data: Uint8Array) => gzipSync(data, { level: 9 }).length;

function firstLoadSize(htmlPath: string): number {
  const html = readFileSync(htmlPath, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  return assets.reduce((total, asset) => total + gzipSize(readFileSync(join(dirname(htmlPath), asset))), 0);
}

async function contents({ path, bundle }: Budget): Promise<Uint8Array> {
  if (!bundle) return readFileSync(path);
  const result = await build({ entryPoints: [path], bundle: true, minify: true, format: 'esm', write: false, target: 'es2022' });
  return result.outputFiles[0]!.contents;
}

/** The budgets of package.json (`sizeBudgets`), each with its size now: run after `npm run build`. */
export async function measureSizes(): Promise<(Budget & { size: number })[]> {
  const budgets: Budget[] = JSON.parse(readFileSync('package.json', 'utf8')).sizeBudgets;
  const sizes = [];
  for (const budget of budgets) sizes.push({ ...budget, size: budget.firstLoad ? firstLoadSize(budget.path) : gzipSize(await contents(budget)) });
  return sizes;
}
