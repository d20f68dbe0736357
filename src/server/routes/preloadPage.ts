import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { scriptHashSource } from './scriptHashSource';

/**
 * Run in the preload page: a renderer's first `Intl` formatter works out which locales V8 has, once per process, and
 * that took 13–33 ms of the open path here; the checkout's frame, in the same process, then formats at once what the
 * server did not format for its first render (src/server/checkout/preformatView.ts): a loader `locale` outside the
 * locales the server formats in, and every answer to a change.
 */
const WARM_INTL = 'new Intl.NumberFormat().format(0);new Date().toLocaleDateString()';

interface Page {
  html: string;
  headers: Record<string, string>;
}

/**
 * The preload page for the built checkout page `template`: its first script as a `modulepreload` (fetched and
 * compiled, never run) and its stylesheet, and the Intl warm-up. Nothing else runs, so it needs nothing more.
 */
export function buildPreloadPage(template: string): Page {
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(template)?.[1];
  const stylesheets = template.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Till</title>' +
    (script ? `<link rel="modulepreload" crossorigin href="${script}">` : '') +
    stylesheets.join('') +
    `<script>${WARM_INTL}</script></head></html>`;
  return {
    html,
    headers: {
      'Content-Security-Policy': [
        "default-src 'none'",
        `script-src 'self' ${scriptHashSource(WARM_INTL)}`,
        "style-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        // It shows nothing, holds nothing and answers no message: any merchant's page may frame it.
        'frame-ancestors *',
      ].join('; '),
      'Referrer-Policy': 'no-referrer',
      // As `/checkout.js`: a deploy's new file names reach pages within minutes, and an old name only preloads nothing.
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

/**
 * `GET /preload`, the page the script-tag loader frames, hidden, on a merchant's page (src/sdk/preloadCheckout.ts),
 * so that a checkout opened there later starts warm (issue 13). Chromium puts a site's frames in one page into one
 * renderer process: the checkout's frame finds that process started, its `Intl` ready, and the app's first script
 * and stylesheet in its cache. The session's own page is not preloaded: it needs the session, and frames only for
 * the session's merchant.
 */
export function preloadPage(appDir: string) {
  let page: Page | undefined;
  return new Hono().get('/preload', (c) => {
    const { html, headers } = (page ??= buildPreloadPage(readFileSync(join(appDir, 'index.html'), 'utf8')));
    return c.html(html, 200, headers);
  });
}
