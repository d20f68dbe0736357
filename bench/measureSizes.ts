import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface Budget {
  name: string;
  path: string;
  /** Measure `path` with its imports, minified, as a merchant's bundler would ship it. */
  bundle?: boolean;
  /** `path` is an HTML page: measure its inline scripts and the scripts and stylesheets it loads first (lazy chunks excluded). */
  firstLoad?: boolean;
  limit: number;
}

/** Each file gzipped on its own, as a browser fetches them. */
const gzipSize = (data: Uint8Array) => gzipSync(data, { level: 9 }).length;

/** The scripts and stylesheets the page loads first, and its inline scripts (the boot script), each gzipped on its own. */
function firstLoadSize(htmlPath: string): number {
  const html = readFileSync(htmlPath, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => readFileSync(join(dirname(htmlPath), match[1]!)));
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => Buffer.from(match[1]!));
  return [...assets, ...inline].reduce((total, code) => total + gzipSize(code), 0);
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
