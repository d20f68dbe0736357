/**
 * Checks the gzip sizes of what merchants' pages load against the budgets in package.json (`sizeBudgets`).
 * Run after `npm run build`; exits non-zero when a budget is exceeded.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Budget {
  name: string;
  path: string;
  /** Measure `path` with its imports, minified, as a merchant's bundler would ship it. */
  bundle?: boolean;
  /** `path` is an HTML page: measure the scripts and stylesheets it loads first (lazy chunks excluded). */
  firstLoad?: boolean;
  limit: number;
}

const budgets: Budget[] = JSON.parse(readFileSync('package.json', 'utf8')).sizeBudgets;

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

let over = 0;
for (const budget of budgets) {
  const size = budget.firstLoad ? firstLoadSize(budget.path) : gzipSize(await contents(budget));
  const fits = size <= budget.limit;
  if (!fits) over++;
  console.log(`${fits ? 'ok  ' : 'OVER'} ${budget.name}: ${size} B gzip (budget ${budget.limit} B, ${((size / budget.limit) * 100).toFixed(0)}%)`);
}
process.exit(over ? 1 : 0);
