import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { spawnTill, type SpawnedTill } from '../test/server/support/spawnTill';

/** Milliseconds from the start (`Till.open`, or the floor's frame being added) to each step; absent when it has none. */
export type OpenSteps = Record<string, number>;

/**
 * The rounds' kinds, in the order each round runs them. The floor and the checkout each with their preload frame,
 * then neither, open once the merchant's page has settled (no request for 500 ms), as a customer's click comes; the
 * checkout at `load` opens at the page's `load` event, while its preload frame still loads.
 */
export const OPEN_KINDS = ['floor', 'checkout', 'floorCold', 'checkoutCold', 'checkoutAtLoad'] as const;

/** One entry per round and kind, in the same browser, one after the other. */
export type OpenMeasures = Record<(typeof OPEN_KINDS)[number], OpenSteps[]>;

/** The steps, in the order the chain runs them; `input` is the last, the figure itself. */
export const OPEN_STEPS = {
  request: 'frame request sent',
  response: 'page received',
  scriptRequest: 'script requested',
  script: 'script received',
  hello: 'hello heard by the loader',
  init: 'secret and port received by the frame',
  json: 'session JSON received',
  input: 'first enabled <input>',
};

export const API_KEY = 'sk_test_bench_open_0123456789';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Runs in every frame before its own scripts (Playwright's init script, which CSP does not govern): marks when the
 * window first hears each message type, and, once an enabled `<input>` is in the document, reports that time with
 * the frame's navigation and resource timings. Times are `timeOrigin + now()`, so the merchant page and the
 * cross-origin frame share one clock.
 */
const PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const marks = (window.__openMarks = {});
  addEventListener('message', (event) => {
    const type = event.data && event.data.type;
    if (typeof type === 'string' && !(type in marks)) marks[type] = now();
  }, true);
  if (window.parent === window) return;
  const found = () => {
    if (!document.querySelector('input:not([disabled])')) return;
    const input = now();
    observer.disconnect();
    const abs = (t) => (t ? performance.timeOrigin + t : undefined);
    const [nav] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource');
    const script = resources.find((r) => /\\.js(\\?|$)/.test(r.name));
    const json = resources.find((r) => r.initiatorType === 'fetch');
    window.__reportOpen({
      request: abs(nav && nav.requestStart),
      response: abs(nav && nav.responseEnd),
      scriptRequest: abs(script && script.requestStart),
      script: abs(script && script.responseEnd),
      // A build before the loader's init came with the port marks its connect (bench/compareOpen.ts runs older ones).
      init: marks.init || marks.connect,
      json: abs(json && json.responseEnd),
      input,
    });
  };
  const observer = new MutationObserver(found);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
})();`;

/** Cached as the checkout's own first files are, so that a preload helps the floor as it does the checkout. */
const CACHED = 'public, max-age=300';

/**
 * The least a checkout must do: an HTML page, one script, one JSON request, one `<input>`; and its preload page,
 * which fetches and compiles the script as the checkout's does.
 */
export const FLOOR_FILES: Record<string, ServedFile> = {
  '/': {
    type: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title><script type="module" src="/floor.js"></script></head><body><main id="app"></main></body></html>',
  },
  '/preload': {
    type: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title><link rel="modulepreload" href="/floor.js"></head></html>',
    cache: CACHED,
  },
  '/floor.js': {
    cache: CACHED,
    type: 'text/javascript',
    body: `const session = await (await fetch('/session.json', { cache: 'no-store' })).json();
const label = document.createElement('label');
label.textContent = session.label;
label.append(document.createElement('input'));
document.getElementById('app').append(label);`,
  },
  '/session.json': { type: 'application/json', body: JSON.stringify({ label: 'Email' }) },
};

export const MERCHANT_SCRIPT = `window.startOpen = (token) => {
  window.__openStart = performance.timeOrigin + performance.now();
  Till.open(token);
};
window.startFloor = (url) => {
  window.__openStart = performance.timeOrigin + performance.now();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:100%;height:600px;border:0';
  frame.src = url;
  document.body.append(frame);
};`;

export interface ServedFile {
  type: string;
  body: string;
  /** `Cache-Control`; `no-store` unless set. */
  cache?: string;
}

export function serveFiles(host: string, files: Record<string, ServedFile>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': file.cache ?? 'no-store' }).end(file.body);
  });
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve({ url: `http://${host}:${(server.address() as { port: number }).port}/`, server })),
  );
}

/**
 * Each round's fresh context opens a browser window, and each window loads its address bar's popup, a WebUI page in
 * a renderer of its own, in the background: traced, 0.4–0.9 s of CPU, most of it during the open, on two cores that
 * the merchant's page, the frame, the server and the browser share. A customer's window did that when it opened, long
 * before the click, so the bench turns it off. Chromium keeps only the last `--disable-features`: Playwright's own
 * list (playwright-core's chromiumSwitches.ts) comes first.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup',
];

/** Debian's Chromium, headless, with nothing that would call out. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
  });

/** A fresh context (cold cache, as a first-time customer) whose every request must go to this machine. */
async function freshContext(browser: Browser, reports: OpenSteps[], offLoopback: string[]): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.exposeBinding('__reportOpen', (_source, steps: OpenSteps) => void reports.push(steps));
  await context.addInitScript(PROBE);
  context.on('request', (request) => {
    const { hostname, protocol } = new URL(request.url());
    if (protocol.startsWith('http') && !LOOPBACK.has(hostname)) offLoopback.push(request.url());
  });
  return context;
}

/** A merchant's page that loads `tillUrl`'s loader (with `loaderAttributes`) and MERCHANT_SCRIPT. */
export const merchantPageOf = (tillUrl: string, loaderAttributes = '', extra = ''): ServedFile => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Merchant</title><script src="${tillUrl}/checkout.js"${loaderAttributes}></script><script src="/merchant.js"></script>${extra}</head><body><h1>Merchant</h1></body></html>`,
});

/** Creates a subscription session on `till` for `plan` and opens it on `page` with `Till.open`. */
export async function openCheckout(page: Page, till: SpawnedTill, merchantUrl: string, plan: string) {
  const created = await till.api('POST', '/v1/checkout_sessions', {
    checkout_mode: 'subscription',
    origin_url: merchantUrl,
    subscription_config_id: plan,
  });
  if (created.status !== 201) throw new Error(`session not created: ${JSON.stringify(created.body)}`);
  await page.evaluate((token) => (window as any).startOpen(token), created.body.checkout_session_token);
}

/**
 * One open in a fresh browser context: loads `pageUrl`, waits for it to settle (unless `atLoad`), calls `start`, which
 * sets the page's `__openStart` and opens, and returns each step's milliseconds from that start.
 */
export async function openOnce(browser: Browser, pageUrl: string, start: (page: Page) => Promise<unknown>, atLoad = false): Promise<OpenSteps> {
  const reports: OpenSteps[] = [];
  const offLoopback: string[] = [];
  const context = await freshContext(browser, reports, offLoopback);
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    if (!atLoad) await page.waitForLoadState('networkidle');
    await start(page);
    const deadline = Date.now() + 15_000;
    while (!reports[0]) {
      if (Date.now() > deadline) throw new Error(`no usable input in the frame opened by ${pageUrl} within 15 s`);
      await new Promise((wait) => setTimeout(wait, 20));
    }
    const { start: startedAt, hello } = await page.evaluate(() => ({ start: (window as any).__openStart, hello: (window as any).__openMarks.hello }));
    if (offLoopback.length) throw new Error(`the open measure left this machine: ${offLoopback.join(', ')}`);
    const steps: OpenSteps = {};
    for (const [step, at] of Object.entries({ ...reports[0], hello })) if (typeof at === 'number') steps[step] = at - startedAt;
    return steps;
  } finally {
    await context.close();
  }
}

/**
 * `Till.open(token)` on a merchant page → the first enabled `<input>` in the checkout frame, in Chromium, against
 * the compiled server (`npm run serve`, PGlite in a temporary directory) on loopback; beside the floor, a frame
 * doing the least a checkout must, served from this machine and measured the same way in the same browser. Each
 * round opens a new session in a fresh browser context; the first round of each is a warm-up and not counted.
 */
export async function measureOpen({ rounds = 7 } = {}): Promise<OpenMeasures> {
  // First: a browser that cannot start (not installed) then leaves no server running behind the failed measure.
  const browser = await launchChromium();
  const dataDir = mkdtempSync(join(tmpdir(), 'till-bench-open-'));
  const till = await spawnTill({ dataDir }, API_KEY);
  const floorSite = await serveFiles('localhost', FLOOR_FILES);
  // The floor's page frames the floor's preload page at its `load` event, as the loader frames the checkout's.
  const floorPreload = `<script>addEventListener('load', () => document.head.append(Object.assign(document.createElement('iframe'), { src: '${floorSite.url}preload' })))</script>`;
  const merchantPage = (loaderAttributes = '', extra = '') => merchantPageOf(till.url, loaderAttributes, extra);
  const merchant = await serveFiles('127.0.0.1', {
    '/': merchantPage(),
    '/floor': merchantPage(' data-no-preload', floorPreload),
    '/no-preload': merchantPage(' data-no-preload'),
    '/merchant.js': { type: 'text/javascript', body: MERCHANT_SCRIPT },
  });
  const pages: Record<(typeof OPEN_KINDS)[number], string> = {
    floor: `${merchant.url}floor`,
    checkout: merchant.url,
    floorCold: `${merchant.url}no-preload`,
    checkoutCold: `${merchant.url}no-preload`,
    checkoutAtLoad: merchant.url,
  };
  const plan = (await till.api('GET', '/v1/subscription_configs')).body.data[0].subscription_config_id;
  const measures = Object.fromEntries(OPEN_KINDS.map((kind) => [kind, []])) as unknown as OpenMeasures;

  const round = (kind: (typeof OPEN_KINDS)[number]) =>
    openOnce(
      browser,
      pages[kind],
      kind.startsWith('floor')
        ? (page) => page.evaluate((url) => (window as any).startFloor(url), floorSite.url)
        : (page) => openCheckout(page, till, merchant.url, plan),
      kind === 'checkoutAtLoad',
    );

  try {
    for (const kind of OPEN_KINDS) await round(kind);
    for (let index = 0; index < rounds; index++) for (const kind of OPEN_KINDS) measures[kind].push(await round(kind));
    return measures;
  } finally {
    await browser.close();
    merchant.server.close();
    floorSite.server.close();
    await till.terminate();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
