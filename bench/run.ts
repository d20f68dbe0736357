/**
 * `npm run bench`: issue 13's figures on the current build, each beside its floor from the same run, several
 * rounds (median, and the spread as min–max), written to bench/RESULTS.md with the machine's description. Asserts
 * nothing about time: the machine's speed and load would decide. `npm test` keeps the size budgets.
 *
 *   BENCH_ROUNDS=3                 rounds of the API measure
 *   BENCH_OPEN_ROUNDS=9            rounds of the open measure (after one warm-up)
 *   BENCH_ONLY=sizes,open          only these measures (of sizes, open, api, growth), printed but not written
 *   BENCH_DATABASE_URL=postgres:…  also measure on that Postgres server (a schema or database of its own is made)
 *   BENCH_LARGE=1                  also fill a Postgres store with 1 M rows per growing table (many minutes)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreLocation } from '../test/server/support/spawnTill';
import { createPostgresSchema } from '../test/server/support/createPostgresSchema';
import { measureApi, type ApiMeasures } from './measureApi';
import { measureGrowth, type GrowthMeasures } from './measureGrowth';
import { measureOpen, OPEN_KINDS, OPEN_STEPS, type OpenMeasures, type OpenSteps } from './measureOpen';
import { measureSizes } from './measureSizes';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const openRounds = Number(process.env.BENCH_OPEN_ROUNDS ?? 9);
const postgresUrl = process.env.BENCH_DATABASE_URL || undefined;
const only = process.env.BENCH_ONLY?.split(',');
const runs = (measure: string) => !only || only.includes(measure);

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
}

/** `median (min–max)` of the rounds. */
function spread(values: number[], digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const fixed = (value: number) => value.toFixed(digits);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return sorted.length > 1 ? `${fixed(median)} (${fixed(sorted[0]!)}–${fixed(sorted.at(-1)!)})` : fixed(median);
}

async function apiRounds(store: () => Promise<{ location: StoreLocation; drop(): Promise<void> }>): Promise<ApiMeasures[]> {
  const results: ApiMeasures[] = [];
  for (let round = 0; round < rounds; round++) {
    const place = await store();
    try {
      results.push(await measureApi(place.location));
    } finally {
      await place.drop();
    }
  }
  return results;
}

const pgliteDirectory = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'till-bench-'));
  return { location: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
};
const postgresSchema = async () => {
  const database = await createPostgresSchema(postgresUrl!);
  return { location: database.options, drop: () => database.drop() };
};

const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores; load average at start ${loadavg().map((load) => load.toFixed(2)).join(', ')}`,
  `- Node ${process.version}; Chromium: ${chromiumVersion()}`,
  `- ${new Date().toISOString()}, ${openRounds} round(s) of the open measure, ${rounds} of the API measure`,
];
console.log(machine.join('\n'));

const sizes = runs('sizes') ? await measureSizes() : [];
const open: OpenMeasures | null = runs('open') ? await measureOpen({ rounds: openRounds }) : null;
const api: Record<string, ApiMeasures[]> = {};
if (runs('api')) api.PGlite = await apiRounds(pgliteDirectory);
if (runs('api') && postgresUrl) api.Postgres = await apiRounds(postgresSchema);
const growth: Record<string, GrowthMeasures> = {};
if (runs('growth')) growth.PGlite = await measureGrowth([1_000, 100_000]);
if (runs('growth') && postgresUrl) growth.Postgres = await measureGrowth(process.env.BENCH_LARGE ? [1_000, 100_000, 1_000_000] : [1_000, 100_000], { postgresUrl });

const lines = ['# Benchmarks', '', 'Written by `npm run bench` (bench/run.ts) on the current build.', '', ...machine, ''];
if (sizes.length) lines.push('## Sizes (gzip)', '', '| what | bytes | budget |', '|---|---|---|');
for (const { name, size, limit } of sizes) lines.push(`| ${name} | ${size} | ${limit} |`);

if (open) {
  const step = (rounds: Record<string, number>[], name: string) => (rounds.every((r) => name in r) ? spread(rounds.map((r) => r[name]!)) : '—');
  /** Each round's `checkout` ÷ its `floor`, as median (min–max). */
  const ratio = (checkout: OpenSteps[], floor: OpenSteps[]) => spread(checkout.map((r, i) => r.input! / floor[i]!.input!), 2);
  lines.push(
    '',
    '## Open: `Till.open(token)` → the first enabled `<input>` in the checkout frame, beside the floor',
    '',
    'Chromium on loopback, a fresh context (cold cache) per round, against the compiled server (PGlite on disk) and a',
    'merchant page on the other loopback origin; without the address bar\'s popup page, which each new window loaded',
    'during the open (launchChromium in bench/measureOpen.ts). The floor is a frame of a third origin doing the least a',
    'checkout must: HTML → one script → one JSON request → one `<input>`, added by a merchant page the same way. At the',
    'page\'s `load` event the loader frames the checkout\'s preload page (src/sdk/preloadCheckout.ts), and the floor\'s',
    'page frames the floor\'s, which fetches and compiles its script; "cold" is neither. Both open once the page has',
    'settled (no request for 500 ms), as a customer\'s click comes, but for "at `load`", which opens at the `load` event',
    'while the preload frame still loads. Milliseconds from the start, median (min–max); each ratio divides a round\'s',
    'checkout by the floor of the same round.',
    '',
    '| step | floor ms | checkout ms | floor, cold | checkout, cold | checkout at `load` |',
    '|---|---|---|---|---|---|',
  );
  for (const [name, label] of Object.entries(OPEN_STEPS)) lines.push(`| ${label} | ${OPEN_KINDS.map((kind) => step(open[kind], name)).join(' | ')} |`);
  lines.push(
    '',
    '| checkout ÷ floor | ratio |',
    '|---|---|',
    `| with its preload ÷ the cold floor (the floor issue 13 set) | **${ratio(open.checkout, open.floorCold)} ×** |`,
    `| with its preload ÷ the floor with its own | ${ratio(open.checkout, open.floor)} × |`,
    `| cold ÷ cold | ${ratio(open.checkoutCold, open.floorCold)} × |`,
    `| at \`load\`, its preload still loading ÷ the cold floor | ${ratio(open.checkoutAtLoad, open.floorCold)} × |`,
  );
}

if (Object.keys(api).length) lines.push(
  '',
  '## Merchant API: `POST /v1/checkout_sessions` beside an authenticated 404 (the floor)',
  '',
  'The compiled server in its own process, logging a line per request as in production; autocannon for 10 s at each',
  'connection count. Requests per second and p99 latency are median (min–max) over the rounds; the ratio is create ÷ floor.',
  '',
  '| store | connections | floor req/s | create req/s | create ÷ floor | create p99 ms | errors |',
  '|---|---|---|---|---|---|---|',
);
for (const [store, results] of Object.entries(api)) {
  for (const n of [10, 50]) {
    lines.push(
      `| ${store} | ${n} | ${spread(results.map((r) => r.floor[n]!.requestsPerSecond))} | ${spread(results.map((r) => r.create[n]!.requestsPerSecond))} | ` +
        `${spread(results.map((r) => r.create[n]!.requestsPerSecond / r.floor[n]!.requestsPerSecond), 2)} | ${spread(results.map((r) => r.create[n]!.p99Ms))} | ` +
        `${spread(results.map((r) => r.create[n]!.errors + r.floor[n]!.errors))} |`,
    );
  }
}
if (Object.keys(api).length) lines.push('', '| store | server RSS after start, MB | peak under load, MB |', '|---|---|---|');
for (const [store, results] of Object.entries(api)) {
  lines.push(`| ${store} | ${spread(results.map((r) => r.rssAfterStartMb))} | ${spread(results.map((r) => r.rssPeakMb))} |`);
}
if (api.Postgres) {
  const ratio = (n: number) => spread(api.PGlite!.map((r, i) => r.create[n]!.requestsPerSecond / api.Postgres![i]!.create[n]!.requestsPerSecond), 2);
  lines.push('', `PGlite ÷ Postgres, create req/s: ${ratio(10)} at 10 connections, ${ratio(50)} at 50.`);
}

if (Object.keys(growth).length) lines.push(
  '',
  '## Growth: the same work on stores of 1 k, 100 k (and 1 M) rows per growing table',
  '',
  'In process (no HTTP), median ms of each operation; in brackets, the ratio to the same on the 1 k store. Every store',
  'is filled first; then each round runs the operation once on each store, so the load falls on every size alike.',
  '',
);
for (const [store, { operations, fillSeconds }] of Object.entries(growth)) {
  const sizesMeasured = Object.keys(fillSeconds).map(Number);
  const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000} M` : `${size / 1000} k`);
  lines.push(`| ${store} | ${sizesMeasured.map(label).join(' | ')} |`, `|---|${sizesMeasured.map(() => '---').join('|')}|`);
  for (const [operation, bySize] of Object.entries(operations)) {
    const base = bySize[sizesMeasured[0]!]!;
    lines.push(`| ${operation} | ${sizesMeasured.map((size) => `${bySize[size]!.toFixed(2)} (${(bySize[size]! / base).toFixed(2)} ×)`).join(' | ')} |`);
  }
  lines.push('', `Filled by SQL (\`fillStore\`) in ${sizesMeasured.map((size) => `${fillSeconds[size]!.toFixed(fillSeconds[size]! < 10 ? 1 : 0)} s`).join(', ')}.`, '');
}

const report = lines.join('\n');
if (!only) writeFileSync('bench/RESULTS.md', `${report}\n`);
console.log(`\n${report}`);
