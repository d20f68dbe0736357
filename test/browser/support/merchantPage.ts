import type { Page } from 'playwright-core';
import type { ServedFile, Stack } from './startStack';

/**
 * The page script of a test merchant: `openCheckout(token, options)` opens a checkout and records every
 * event it dispatches in `window.events`. It is a file of its own, so pages with a strict CSP can load it.
 */
const HARNESS = `
window.events = [];
const TYPES = ['ready', 'step', 'confirmed', 'success', 'cancel', 'close', 'expired', 'error'];
window.openCheckout = (token, options = {}) => {
  if (typeof options.container === 'string') options.container = document.querySelector(options.container);
  const handle = Till.open(token, { trigger: document.getElementById('buy'), ...options });
  for (const type of TYPES) {
    handle.addEventListener(type, (event) => {
      const { error, ...detail } = event.detail;
      window.events.push({ type, detail: error ? { ...detail, code: error.code } : detail });
      if (window.preventDefaults && window.preventDefaults.includes(type)) event.preventDefault();
    });
  }
  window.handle = handle;
  return true;
};
`;

export interface MerchantPageOptions {
  /** Extra markup in <body>. */
  body?: string;
  /** Response headers of the page, e.g. its CSP. */
  headers?: Record<string, string>;
  /** Load the loader with `data-auto-init`. */
  autoInit?: boolean;
  /** Load the loader with `data-no-preload`. */
  noPreload?: boolean;
  /** Leave the loader's script tag out: the test adds the loader itself (once the page has loaded, say). */
  noLoader?: boolean;
}

/** Serves a merchant page on an origin of its own that loads the loader by script tag. Returns its URL. */
export function serveMerchantPage(stack: Stack, { body = '', headers, autoInit, noPreload, noLoader }: MerchantPageOptions = {}): Promise<string> {
  const loader = `<script src="${stack.tillUrl}checkout.js"${autoInit ? ' data-auto-init' : ''}${noPreload ? ' data-no-preload' : ''}></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Merchant</title>
${noLoader ? '' : loader}
<script src="/harness.js"></script><link rel="stylesheet" href="/page.css"></head>
<body><main><h1>Merchant</h1><button id="buy" type="button">Buy</button><div id="inline"></div>${body}
<p class="tall">A long page, to scroll.</p></main></body></html>`;
  const files: Record<string, ServedFile> = {
    '/': { body: html, headers },
    '/harness.js': { body: HARNESS, type: 'text/javascript' },
    '/page.css': { body: '.tall { height: 3000px; }', type: 'text/css' },
  };
  return stack.serve(files);
}

export type RecordedEvent = { type: string; detail: Record<string, unknown> };

export const recordedEvents = (page: Page): Promise<RecordedEvent[]> => page.evaluate(() => (window as any).events);

/** Waits until the page has recorded an event of `type`, and returns it. */
export async function waitForEvent(page: Page, type: string): Promise<RecordedEvent> {
  await page.waitForFunction((type) => (window as any).events.some((e: RecordedEvent) => e.type === type), type);
  return (await recordedEvents(page)).find((e) => e.type === type)!;
}
