import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkoutFrame, GOOD_CARD, pay } from './support/checkoutFrame';
import { recordedEvents, serveMerchantPage, waitForEvent, type MerchantPageOptions } from './support/merchantPage';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

/** How long the loader waits for its frame's hello (src/sdk/open.ts). */
const HANDSHAKE_TIMEOUT_MS = 8000;

/** A merchant page on its own origin, and a session created for that origin. */
async function openMerchant(options: MerchantPageOptions = {}, sessionFields: Record<string, string> = {}) {
  const url = await serveMerchantPage(ctx.stack, options);
  const session = await ctx.stack.createSubscriptionSession({ origin_url: url, ...sessionFields });
  const page = await (await ctx.browser.newContext()).newPage();
  await page.goto(url);
  return { page, url, session };
}

const openCheckout = (page: Page, token: string, options: object = {}) =>
  page.evaluate(({ token, options }) => (window as any).openCheckout(token, options), { token, options });

const types = async (page: Page) => (await recordedEvents(page)).map((e) => e.type);

/** The screenshot's colour at each point of `page`'s viewport, [r, g, b], read by a canvas in another page of its browser. */
async function coloursAt(page: Page, points: [number, number][]): Promise<number[][]> {
  const png = (await page.screenshot()).toString('base64');
  const reader = await page.context().newPage();
  try {
    return await reader.evaluate(
      async ({ png, points }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return points.map(([x, y]) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]);
      },
      { png, points },
    );
  } finally {
    await reader.close();
  }
}

/** Relative luminance on a 0–255 scale, near enough to tell a dimmed page from a white or a dark one. */
const lightness = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

describe('closing', () => {
  it('cancels once when Escape is pressed inside the checkout frame', async () => {
    const { page, session } = await openMerchant();
    await openCheckout(page, session.checkout_session_token);
    await checkoutFrame(page).getByLabel('Email').click();
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'close');
    expect(await types(page)).toEqual(['ready', 'step', 'cancel', 'close']);
    expect((await waitForEvent(page, 'cancel')).detail.checkoutSessionId).toBe(session.checkout_session_id);
  });

  it('cancels once on handle.close(), and a second close() changes nothing', async () => {
    const { page, session } = await openMerchant();
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    await page.evaluate(() => {
      (window as any).handle.close();
      (window as any).handle.close();
    });
    expect(await types(page)).toEqual(['ready', 'step', 'cancel', 'close']);
    expect(await page.evaluate(() => (window as any).handle.result)).toMatchObject({ type: 'cancel' });
    expect(await page.locator('dialog').count()).toBe(0);
  });

  it('refuses to close while a payment is processing, then reports its success', async () => {
    const { page, session } = await openMerchant();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/checkout/complete', async (route) => {
      await held;
      await route.continue();
    });
    await openCheckout(page, session.checkout_session_token);
    await pay(checkoutFrame(page), GOOD_CARD, { email: 'wait@example.com', name: 'Patient Customer' });
    await waitForEvent(page, 'confirmed');
    await page.evaluate(() => (window as any).handle.close());
    await checkoutFrame(page).getByRole('button', { name: 'Close checkout' }).click();
    expect(await page.locator('dialog').count()).toBe(1);
    // Escape twice in the page with no click between: Chromium's close watcher lets the second close a dialog whose
    // `cancel` is prevented; the checkout must stay shown, as a bank's challenge may be on it.
    await page.evaluate(() => document.querySelector('dialog')!.focus());
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await page.evaluate(() => document.querySelector('dialog')!.open)).toBe(true);
    release();
    await waitForEvent(page, 'success');
    expect(await types(page)).not.toContain('cancel');
  });

  it('reports one cancel and never a later success when page script removes the frame', async () => {
    const { page, session } = await openMerchant();
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    await page.evaluate(() => document.querySelector('iframe[title="Checkout"]')!.remove());
    await waitForEvent(page, 'close');
    expect(await types(page)).toEqual(['ready', 'step', 'cancel', 'close']);
    expect(await page.locator('dialog').count()).toBe(0);
  });

  it('keeps the page behind from scrolling, restores the exact scroll position and returns focus to the trigger', async () => {
    const { page, session } = await openMerchant();
    await page.evaluate(() => {
      document.getElementById('buy')!.focus({ preventScroll: true });
      window.scrollTo(0, 1234);
    });
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    // A wheel over the dimmed page, outside the dialog: the page would scroll with it if nothing locked it.
    await page.mouse.move(2, 2);
    await page.mouse.wheel(0, 600);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await page.evaluate(() => window.scrollY)).toBe(1234);
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'close');
    expect(await page.evaluate(() => [window.scrollY, document.activeElement?.id])).toEqual([1234, 'buy']);
  });
});

describe('events', () => {
  it('reports what was bought, and a listener can keep the modal open after success', async () => {
    const { page, session } = await openMerchant();
    // The page's clock runs on as usual, and after success it jumps past the 1.5 s the modal would stay open.
    await page.clock.install();
    await page.evaluate(() => ((window as any).preventDefaults = ['success']));
    await openCheckout(page, session.checkout_session_token);
    await pay(checkoutFrame(page), GOOD_CARD, { email: 'bought@example.com', name: 'Buyer' });
    const success = await waitForEvent(page, 'success');
    expect(success.detail).toMatchObject({
      checkoutSessionId: session.checkout_session_id,
      checkoutMode: 'subscription',
      connectionId: expect.stringMatching(/^con_test_/),
      subscriptionId: expect.stringMatching(/^sub_test_/),
      creditsAdded: '10.00',
    });
    await page.clock.fastForward(2000);
    expect(await page.locator('dialog').count()).toBe(1);
    expect(await types(page)).toEqual(['ready', 'step', 'step', 'confirmed', 'step', 'success']);
  });

  it('dispatches till:* DOM events on the trigger element', async () => {
    const { page, session } = await openMerchant();
    await page.evaluate(() => {
      (window as any).domEvents = [];
      for (const type of ['till:ready', 'till:cancel', 'till:close']) {
        document.addEventListener(type, (e) => (window as any).domEvents.push([type, (e.target as Element).id]));
      }
    });
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'close');
    expect(await page.evaluate(() => (window as any).domEvents)).toEqual([
      ['till:ready', 'buy'],
      ['till:cancel', 'buy'],
      ['till:close', 'buy'],
    ]);
  });
});

describe('options', () => {
  it('hands theme, accent colour and locale to the checkout with its port', async () => {
    const { page, session } = await openMerchant();
    await openCheckout(page, session.checkout_session_token, { theme: 'dark', accentColor: '#ffd400', locale: 'de-DE' });
    await waitForEvent(page, 'ready');
    const root = checkoutFrame(page).locator('html');
    expect(await root.getAttribute('data-theme')).toBe('dark');
    expect(await root.evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim())).toBe('#ffd400');
    // de-DE: German words, German amounts.
    await expect.poll(() => checkoutFrame(page).getByRole('button', { name: /bezahlen$/ }).textContent()).toMatch(/^19,00\s\$ bezahlen$/);
  });

  it.each([
    ['dark', 'light', 'rgb(27, 30, 35)'],
    ['light', 'dark', 'rgb(255, 255, 255)'],
    ['auto', 'dark', 'rgb(27, 30, 35)'],
    ['auto', 'light', 'rgb(255, 255, 255)'],
  ] as const)('paints the %s theme on a system that prefers %s', async (theme, colorScheme, background) => {
    const { page, session } = await openMerchant();
    await page.emulateMedia({ colorScheme });
    await openCheckout(page, session.checkout_session_token, { theme });
    await waitForEvent(page, 'ready');
    const root = checkoutFrame(page).locator('html');
    expect(await root.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(background);
  });

  it('reports handshake_timeout and stays on the page when the merchant opted out of the redirect fallback', async () => {
    const { page, url } = await openMerchant();
    const session = await ctx.stack.createSubscriptionSession(); // for the demo shop's origin: framing is refused
    // The page's clock runs on as usual; once the browser has refused the frame, it jumps the handshake's 8 s.
    await page.clock.install();
    // The Navigation API's navigate event fires within location.assign: the loader redirects, if at all, in the
    // task that reports the error, before it closes.
    await page.evaluate(() => {
      (window as any).navigations = 0;
      (window as any).navigation.addEventListener('navigate', () => (window as any).navigations++);
    });
    const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await openCheckout(page, session.checkout_session_token, { redirectOnFailure: false });
    await refused;
    expect(await types(page)).toEqual([]);
    await page.clock.fastForward(HANDSHAKE_TIMEOUT_MS);
    const error = await waitForEvent(page, 'error');
    expect(error.detail.code).toBe('handshake_timeout');
    await waitForEvent(page, 'close');
    expect(await page.evaluate(() => (window as any).navigations)).toBe(0);
    expect(page.url()).toBe(url);
    expect(await page.locator('dialog').count()).toBe(0);
  });
});

describe('opening', () => {
  it('points the frame at the session’s page before open returns, naming it by the secret’s hash only', async () => {
    const { page, session } = await openMerchant();
    // Read in the same task as the call: nothing `open` awaited could have run yet.
    const src = await page.evaluate((token) => {
      (window as any).openCheckout(token);
      return document.querySelector('dialog iframe')!.getAttribute('src');
    }, session.checkout_session_token);
    const secret = JSON.parse(Buffer.from(session.checkout_session_token, 'base64').toString()).secret;
    expect(src).toBe(`${ctx.stack.tillUrl}checkout/${createHash('sha256').update(secret).digest('base64url')}`);
    await waitForEvent(page, 'ready');
  });
});

describe('preloading', () => {
  /** The frames in the page, where each is, and whether it takes any room. */
  const framesIn = (page: Page) =>
    page.evaluate(() => [...document.querySelectorAll('iframe')].map((frame) => ({ src: frame.src, in: frame.parentElement!.localName, width: frame.offsetWidth })));
  /** The paths the page's preload frame fetches, as they finish. */
  const preloadedBy = (page: Page) => {
    const paths: string[] = [];
    page.on('requestfinished', (request) => request.frame().url().endsWith('/preload') && paths.push(new URL(request.url()).pathname));
    return paths;
  };
  /** What the checkout frame's first script and stylesheet took from the network, each (0: from the cache); none before there is a frame. */
  const firstFilesTransferred = (page: Page) =>
    page
      .frames()
      .find((candidate) => candidate.url().includes('/checkout/'))
      ?.evaluate(() =>
        performance.getEntriesByType('resource').flatMap((entry) => (/\/assets\/index-/.test(entry.name) ? [(entry as PerformanceResourceTiming).transferSize] : [])),
      );

  it('frames the checkout server’s preload page, unseen, once however many copies of the script the page loads', async () => {
    const url = await serveMerchantPage(ctx.stack, { body: `<script src="${ctx.stack.tillUrl}checkout.js"></script>` });
    const page = await (await ctx.browser.newContext()).newPage();
    const refused: string[] = [];
    page.on('console', (message) => message.type() === 'error' && refused.push(message.text()));
    const preloaded = preloadedBy(page);
    await page.goto(url);

    expect(await framesIn(page)).toEqual([{ src: `${ctx.stack.tillUrl}preload`, in: 'head', width: 0 }]);
    // Its CSP let it fetch the app's first script and stylesheet, which the checkout's frame then finds cached.
    const firstFiles = [expect.stringMatching(/^\/assets\/index-.+\.js$/), expect.stringMatching(/^\/assets\/index-.+\.css$/)];
    await expect.poll(() => preloaded).toEqual(expect.arrayContaining(firstFiles));
    expect(refused).toEqual([]);
    expect(await page.locator('iframe').isVisible()).toBe(false);
  });

  it('frames it, unseen, beside a checkout the page opened before its load event', async () => {
    const url = await serveMerchantPage(ctx.stack, { body: `<script>openCheckout(location.hash.slice(1), { display: 'inline', container: '#inline' });</script>` });
    const session = await ctx.stack.createSubscriptionSession({ origin_url: url });
    const page = await (await ctx.browser.newContext()).newPage();
    await page.goto(`${url}#${session.checkout_session_token}`);
    await waitForEvent(page, 'ready');
    expect(await framesIn(page)).toEqual([
      { src: `${ctx.stack.tillUrl}preload`, in: 'head', width: 0 },
      { src: expect.stringContaining(`${ctx.stack.tillUrl}checkout/`), in: 'div', width: expect.any(Number) },
    ]);
  });

  it('frames it at once when the loader is added after the page has loaded, and the checkout then finds its first files cached', async () => {
    const url = await serveMerchantPage(ctx.stack, { noLoader: true });
    const session = await ctx.stack.createSubscriptionSession({ origin_url: url });
    const page = await (await ctx.browser.newContext()).newPage();
    const preloaded = preloadedBy(page);
    await page.goto(url);
    // As a single-page app adds it, long after its own load event.
    await page.evaluate(
      (src) => new Promise((loaded) => document.head.append(Object.assign(document.createElement('script'), { src, onload: loaded }))),
      `${ctx.stack.tillUrl}checkout.js`,
    );
    expect(await framesIn(page)).toEqual([{ src: `${ctx.stack.tillUrl}preload`, in: 'head', width: 0 }]);
    await expect.poll(() => preloaded.filter((path) => path.startsWith('/assets/index-'))).toHaveLength(2);
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    expect(await firstFilesTransferred(page)).toEqual([0, 0]);
  });

  it('frames it from @till-checkout/js when the page calls preload, once however often, refusing a base that is not a checkout server’s', async () => {
    const files: Record<string, { body: string; type: string }> = {};
    for (const name of readdirSync('packages/js/dist').filter((file) => file.endsWith('.js'))) {
      files[`/sdk/${name}`] = { body: readFileSync(`packages/js/dist/${name}`, 'utf8'), type: 'text/javascript' };
    }
    files['/'] = {
      type: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Merchant</title><script type="module">
        import { open, preload } from '/sdk/till.js';
        preload(${JSON.stringify(ctx.stack.tillUrl)});
        window.openWithPackage = (token) => open(token);
        window.refusal = (base) => { try { preload(base); } catch (error) { return [error.name, error.code]; } };
      </script></head><body></body></html>`,
    };
    const url = await ctx.stack.serve(files);
    const session = await ctx.stack.createSubscriptionSession({ origin_url: url });
    const page = await (await ctx.browser.newContext()).newPage();
    const preloaded = preloadedBy(page);
    await page.goto(url);
    await expect.poll(() => framesIn(page)).toEqual([{ src: `${ctx.stack.tillUrl}preload`, in: 'head', width: 0 }]);
    // Called again (a component mounted twice): still the one frame.
    await page.evaluate((base) => (window as any).refusal(base), ctx.stack.tillUrl);
    expect(await framesIn(page)).toHaveLength(1);
    for (const base of ['http://pay.example.com/', `${ctx.stack.tillUrl}till`, 'not a url']) {
      expect(await page.evaluate((base) => (window as any).refusal(base), base), base).toEqual(['TillError', 'insecure_base']);
    }
    await expect.poll(() => preloaded.filter((path) => path.startsWith('/assets/index-'))).toHaveLength(2);
    await page.evaluate((token) => (window as any).openWithPackage(token), session.checkout_session_token);
    await expect.poll(() => firstFilesTransferred(page)).toEqual([0, 0]);
  });

  it('hands the checkout opened once the page has settled its first script and stylesheet from the cache', async () => {
    const { page, session } = await openMerchant();
    await page.waitForLoadState('networkidle');
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    expect(await firstFilesTransferred(page)).toEqual([0, 0]);
  });

  it.each([
    // A tag manager's custom HTML pastes the loader's source: there is no `src` to find the preload page from.
    ['pasted inline', 'text/html', (loader: string) => `<!doctype html><html><head><title>m</title><script>${loader}</script></head><body></body></html>`],
    // Served as XML, a page has no <head> unless it writes one.
    ['in a page without <head>', 'application/xhtml+xml', () => `<html xmlns="http://www.w3.org/1999/xhtml"><body><script src="${ctx.stack.tillUrl}checkout.js"></script></body></html>`],
  ])('frames nothing and throws nothing when loaded %s', async (_case, type, html) => {
    const loader = await (await fetch(`${ctx.stack.tillUrl}checkout.js`)).text();
    const url = await ctx.stack.serve({ '/': { body: html(loader), type } });
    const page = await (await ctx.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await page.evaluate(() => typeof (window as any).Till.open)).toBe('function');
    expect(await framesIn(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('frames nothing with data-no-preload, and still opens a checkout', async () => {
    const { page, session } = await openMerchant({ noPreload: true });
    expect(await framesIn(page)).toEqual([]);
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
  });
});

describe('motion', () => {
  it('shows the dialog at once, with no animation drawing frames while the checkout loads', async () => {
    const { page, session } = await openMerchant();
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const running = await page.evaluate((token) => {
      (window as any).openCheckout(token);
      return document.getAnimations().length;
    }, session.checkout_session_token);
    expect(running).toBe(0);
  });
});

describe('display modes', () => {
  it.each([
    ['light', (panel: number) => expect(panel).toBeGreaterThan(240)],
    ['dark', (panel: number) => expect(panel).toBeLessThan(60)],
  ] as const)('shows a %s panel over the dimmed page at once, while the checkout page is still on its way', async (theme, expectPanel) => {
    const { page, session } = await openMerchant();
    await page.setViewportSize({ width: 1000, height: 800 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/checkout/*', async (route) => {
      await held;
      await route.continue();
    });
    await openCheckout(page, session.checkout_session_token, { theme });
    // A corner of the merchant's white page, and the middle of the panel, whose page has not been answered.
    const [corner, panel] = (await coloursAt(page, [[5, 5], [500, 400]])).map(lightness);
    release();
    expect(corner).toBeGreaterThan(60);
    expect(corner).toBeLessThan(200);
    expectPanel(panel!);
  });

  it.each([
    ['a centred panel of at least 390×400 on a wide screen', { width: 1280, height: 800 }, false],
    ['a full-screen sheet on a 360 px phone', { width: 360, height: 640 }, true],
  ] as const)('shows the modal as %s', async (_, viewport, fullScreen) => {
    const { page, session } = await openMerchant();
    await page.setViewportSize(viewport);
    await openCheckout(page, session.checkout_session_token);
    const box = (await page.locator('dialog iframe').boundingBox())!;
    if (fullScreen) expect(box).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    else {
      expect(box.width).toBeGreaterThanOrEqual(390);
      expect(box.height).toBeGreaterThanOrEqual(400);
      expect(box.x + box.width / 2).toBeCloseTo(viewport.width / 2, 0);
    }
  });

  it('switches between panel and sheet as the viewport changes while it is open', async () => {
    const { page, session } = await openMerchant();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openCheckout(page, session.checkout_session_token);
    const frame = page.locator('dialog iframe');
    // A phone held upright, turned on its side, and the two widths either side of the 600 px breakpoint.
    for (const [viewport, fullScreen] of [
      [{ width: 390, height: 844 }, true],
      [{ width: 844, height: 390 }, false],
      [{ width: 600, height: 800 }, true],
      [{ width: 601, height: 800 }, false],
    ] as const) {
      await page.setViewportSize(viewport);
      const box = (await frame.boundingBox())!;
      if (fullScreen) expect(box).toEqual({ x: 0, y: 0, ...viewport });
      else {
        expect(box.width).toBe(440);
        expect(box.height).toBe(Math.min(720, viewport.height));
        expect(box.x + box.width / 2).toBeCloseTo(viewport.width / 2, 0);
      }
    }
  });

  it('renders inline in its container and follows the content height', async () => {
    const { page, session } = await openMerchant();
    await openCheckout(page, session.checkout_session_token, { display: 'inline', container: '#inline' });
    await waitForEvent(page, 'ready');
    const frame = page.locator('#inline iframe');
    await expect.poll(async () => (await frame.boundingBox())!.height).not.toBe(600);
    const height = (await frame.boundingBox())!.height;
    const content = await checkoutFrame(page).locator('html').evaluate((el) => el.scrollHeight);
    expect(Math.abs(height - content)).toBeLessThan(2);
    expect(await page.locator('dialog').count()).toBe(0);
  });

  it('runs an inline and a modal checkout side by side, each hearing only its own messages', async () => {
    const { page, url, session: inline } = await openMerchant();
    const modal = await ctx.stack.createSubscriptionSession({ origin_url: url });
    await page.evaluate(
      ({ inline, modal }) => {
        const w = window as any;
        w.inlineEvents = [];
        w.Till.open(inline, { display: 'inline', container: document.getElementById('inline') }).addEventListener(
          'success',
          () => w.inlineEvents.push('success'),
        );
        w.openCheckout(modal);
      },
      { inline: inline.checkout_session_token, modal: modal.checkout_session_token },
    );
    const modalFrame = page.frameLocator('dialog iframe');
    await pay(modalFrame, GOOD_CARD, { email: 'modal@example.com', name: 'Modal Buyer' });
    const success = await waitForEvent(page, 'success');
    expect(success.detail.checkoutSessionId).toBe(modal.checkout_session_id);
    expect(await page.evaluate(() => (window as any).inlineEvents)).toEqual([]);
    await page.frameLocator('#inline iframe').getByLabel('Card number').waitFor();
  });

  it('carries theme, accent colour and locale to the hosted page in redirect display, the secret only in the fragment', async () => {
    const { page, session } = await openMerchant();
    const appearance = { theme: 'dark', accentColor: '#ffd400', locale: 'de' };
    await openCheckout(page, session.checkout_session_token, { display: 'redirect', ...appearance });
    await page.waitForURL((u) => u.pathname.startsWith('/checkout/'));
    const root = page.locator('html');
    await expect.poll(() => root.getAttribute('data-theme')).toBe('dark');
    expect(await root.evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim())).toBe('#ffd400');
    // German number formatting, whichever language the copy is in.
    await expect.poll(() => page.locator('body').textContent()).toMatch(/19,00/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual(appearance);
    expect(url.hash).toBe('');
  });

  it('redirects to the hosted checkout and returns to success_url with the session id', async () => {
    const { page, url } = await openMerchant();
    const successUrl = `${url}thanks`;
    const redirected = await ctx.stack.createSubscriptionSession({ origin_url: url, success_url: successUrl });
    await openCheckout(page, redirected.checkout_session_token, { display: 'redirect' });
    await page.waitForURL((u) => u.pathname.startsWith('/checkout/'));
    expect(page.url()).not.toContain('#');
    await pay(page, GOOD_CARD, { email: 'away@example.com', name: 'Redirected Buyer' });
    // On its own, as the success screen says it will, a few seconds after the payment.
    await page.waitForURL((u) => u.href.startsWith(successUrl));
    expect(new URL(page.url()).searchParams.get('checkout_session_id')).toBe(redirected.checkout_session_id);
  });
});
