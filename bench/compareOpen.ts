/**
 * `npx tsx bench/compareOpen.ts <other> [rounds]`: the cold open (no preload frame) of this checkout's build beside
 * another build's, to tell whether a change to the open's path pays (issue 13). `<other>` is a second checkout of Till,
 * built, e.g. `git worktree add ../base main && ln -s "$PWD/node_modules" ../base/ && (cd ../base && npm run build)`.
 *
 * Each round opens, each in a fresh browser context and in an order that rotates, the cold floor, this build's checkout
 * and the other's; it prints each build's median ÷ floor and the median of the paired differences. Whole runs of the
 * open measure drift with the machine's load (cold ÷ cold from 1.4 to 2.0 × for one build on one day), which hides
 * the 10–40 ms a change makes; rounds taken side by side show it. Prints only; asserts and writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnTill } from '../test/server/support/spawnTill';
import { API_KEY, FLOOR_FILES, launchChromium, MERCHANT_SCRIPT, merchantPageOf, openCheckout, openOnce, serveFiles } from './measureOpen';

const [otherRoot, roundsArgument = '20'] = process.argv.slice(2);
if (!otherRoot) throw new Error('Usage: npx tsx bench/compareOpen.ts <another built checkout of Till> [rounds]');
const rounds = Number(roundsArgument);

// First: a browser that cannot start (not installed) then leaves no server running behind the failed comparison.
const browser = await launchChromium();
const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'till-bench-compare-')));
const builds = {
  this: await spawnTill({ dataDir: dataDirs[0] }, API_KEY),
  other: await spawnTill({ dataDir: dataDirs[1] }, API_KEY, {}, resolve(otherRoot)),
};
const floorSite = await serveFiles('localhost', FLOOR_FILES);
const merchant = await serveFiles('127.0.0.1', {
  '/this': merchantPageOf(builds.this.url, ' data-no-preload'),
  '/other': merchantPageOf(builds.other.url, ' data-no-preload'),
  '/merchant.js': { type: 'text/javascript', body: MERCHANT_SCRIPT },
});
const planOf = async (build: keyof typeof builds) =>
  (await builds[build].api('GET', '/v1/subscription_configs')).body.data[0].subscription_config_id as string;
const plans = { this: await planOf('this'), other: await planOf('other') };

type Kind = 'floor' | keyof typeof builds;
const openOf = (kind: Kind) =>
  kind === 'floor'
    ? openOnce(browser, `${merchant.url}this`, (page) => page.evaluate((url) => (window as any).startFloor(url), floorSite.url))
    : openOnce(browser, `${merchant.url}${kind}`, (page) => openCheckout(page, builds[kind], merchant.url, plans[kind]));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ORDERS: Kind[][] = [
  ['floor', 'this', 'other'],
  ['this', 'other', 'floor'],
  ['other', 'floor', 'this'],
  ['floor', 'other', 'this'],
  ['other', 'this', 'floor'],
  ['this', 'floor', 'other'],
];
try {
  for (const kind of ORDERS[0]!) await openOf(kind); // warm-up, not counted
  const times: Record<Kind, number[]> = { floor: [], this: [], other: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ORDERS[round % ORDERS.length]!) times[kind].push((await openOf(kind)).input!);
  }
  const ratio = (kind: Kind) => median(times[kind].map((time, round) => time / times.floor[round]!)).toFixed(2);
  const differences = times.this.map((time, round) => time - times.other[round]!);
  console.log(`${rounds} rounds; medians: floor ${median(times.floor).toFixed(0)} ms, this build ${median(times.this).toFixed(0)} ms, the other ${median(times.other).toFixed(0)} ms`);
  console.log(`cold ÷ cold floor: this build ${ratio('this')} ×, the other ${ratio('other')} ×`);
  console.log(`this − other, paired: median ${median(differences).toFixed(1)} ms; this build sooner in ${differences.filter((d) => d < 0).length} of ${rounds}`);
} finally {
  await browser.close();
  merchant.server.close();
  floorSite.server.close();
  await Promise.all(Object.values(builds).map((build) => build.terminate()));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
