/**
 * Checks the gzip sizes of what merchants' pages load against the budgets in package.json (`sizeBudgets`).
 * A `bundle` entry is measured as a merchant's bundler would ship it: with its imports, minified.
 * Run after `npm run build`; exits non-zero when a budget is exceeded.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Budget {
  name: string;
  path: string;
  bundle?: boolean;
  limit: number;
}

const budgets: Budget[] = JSON.parse(readFileSync('package.json', 'utf8')).sizeBudgets;

async function contents({ path, bundle }: Budget): Promise<Uint8Array> {
  if (!bundle) return readFileSync(path);
  const result = await build({ entryPoints: [path], bundle: true, minify: true, format: 'esm', write: false, target: 'es2022' });
  return result.outputFiles[0]!.contents;
}

let over = 0;
for (const budget of budgets) {
  const size = gzipSync(await contents(budget), { level: 9 }).length;
  const fits = size <= budget.limit;
  if (!fits) over++;
  console.log(`${fits ? 'ok  ' : 'OVER'} ${budget.name}: ${size} B gzip (budget ${budget.limit} B, ${((size / budget.limit) * 100).toFixed(0)}%)`);
}
process.exit(over ? 1 : 0);
