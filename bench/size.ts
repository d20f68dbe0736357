/**
 * Checks the gzip sizes of what merchants' pages load against the budgets in package.json (`sizeBudgets`).
 * Run after `npm run build`; exits non-zero when a budget is exceeded.
 */
import { measureSizes } from './measureSizes';

let over = 0;
for (const { name, size, limit } of await measureSizes()) {
  const fits = size <= limit;
  if (!fits) over++;
  console.log(`${fits ? 'ok  ' : 'OVER'} ${name}: ${size} B gzip (budget ${limit} B, ${((size / limit) * 100).toFixed(0)}%)`);
}
process.exit(over ? 1 : 0);
