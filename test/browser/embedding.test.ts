import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkoutFrame, GOOD_CARD, pay } from './support/checkoutFrame';
import { recordedEvents, serveMerchantPage, waitForEvent, type MerchantPageOptions } from './support/merchantPage';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

/** How long the loader waits for its frame's hello (src/sdk/open.ts). */
const HANDSHAKE_TIMEOUT_MS = 8000;

const handleOf = (token: string) =>
  createHash('sha256').update(JSON.parse(Buffer.from(token, 'base64').toString()).secret).digest('base64url');

async function openMerchant(options: MerchantPageOptions = {}, sessionFields: Record<string, string> = {}) {
  const url = await serveMerchantPage(ctx.stack, options);
  const session = await ctx.stack.createSubscriptionSession({ origin_url: url, ...sessionFields });
  const page = await (await ctx.browser.newContext()).newPage();
  return { page, url, session };
}

const openCheckout = (page: Page, token: string, options: object = {}) =>
  page.evaluate(({ token, options }) => (window as any).openCheckout(token, options), { token, options });

/** Adds a frame to the merchant page, outside the checkout's dialog. */
const addFrame = (page: Page, attributes: Record<string, string>) =>
  page.evaluate((attributes) => {
    const frame = document.createElement('iframe');
    for (const [name, value] of Object.entries(attributes)) frame.setAttribute(name, value);
    document.querySelector('main')!.append(frame);
  }, attributes);

/**
 * Counts, in the merchant page, the window messages whose source is the window of the frame `selector` finds (the
 * page's own window for `'self'`). A message event runs every listener of the page in the same task, so once one is
 * counted, the loader's own listener has had it too, and whatever it did with it has happened.
 */
const countMessagesFrom = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const counts = ((window as any).messagesFrom ??= {});
    counts[selector] = 0;
    addEventListener('message', (event) => {
      const source = selector === 'self' ? window : (document.querySelector(selector) as HTMLIFrameElement | null)?.contentWindow;
      if (source && event.source === source) counts[selector]++;
    });
  }, selector);

/** Waits until the page has counted `count` messages from `selector` (`countMessagesFrom`). */
const messagesFrom = (page: Page, selector: string, count: number) =>
  page.waitForFunction(([selector, count]) => (window as any).messagesFrom[selector] >= count, [selector, count] as const);

/** A frame that claims to be the checkout: it says hello to its parent and counts the ports it is handed. */
const FORGED_HELLO = (checkoutSessionId: string) => `<script>
  window.ports = 0;
  addEventListener('message', (e) => (window.ports += e.ports.length));
  for (let i = 0; i < 3; i++) parent.postMessage({ ns: 'till-checkout', v: 1, type: 'hello', checkoutSessionId: '${checkoutSessionId}' }, '*');
</script>`;

describe('who the loader talks to', () => {
  const tillPort = () => new URL(ctx.stack.tillUrl).port;
  const cases: { name: string; frame: (handle: string, id: string) => Promise<Record<string, string>>; app: boolean }[] = [
    { name: 'the checkout page on a look-alike host', app: true, frame: async (handle) => ({ src: `http://localhost.test:${tillPort()}/checkout/${handle}` }) },
    { name: 'the checkout page over https', app: true, frame: async (handle) => ({ src: `${ctx.stack.tillHttpsUrl}checkout/${handle}` }) },
    { name: 'the checkout page on another port', app: true, frame: async (handle) => ({ src: `${await ctx.stack.startCheckoutMirror()}checkout/${handle}` }) },
    { name: 'the checkout origin, from a window that is not its frame', app: true, frame: async (handle) => ({ src: `${ctx.stack.tillUrl}checkout/${handle}` }) },
    { name: 'a sandboxed frame with a null origin', app: false, frame: async (_, id) => ({ sandbox: 'allow-scripts', srcdoc: FORGED_HELLO(id) }) },
    { name: 'a page on a third origin', app: false, frame: async (_, id) => ({ src: await ctx.stack.startThirdOrigin(FORGED_HELLO(id)) }) },
  ];

  it.each(cases)('connects only its own frame, not $name', async ({ frame, app }) => {
    const { page, url, session } = await openMerchant();
    await page.goto(url);
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    await countMessagesFrom(page, '#impostor');
    const attributes = await frame(handleOf(session.checkout_session_token), session.checkout_session_id);
    await addFrame(page, { id: 'impostor', name: 'impostor', ...attributes });
    const impostor = page.frameLocator('#impostor');
    const impostorPorts = () => page.frame({ name: 'impostor' })?.evaluate(() => (window as any).ports);
    // The real app loaded in the impostor frame (its skeleton is in the page, shown once loading has taken 300 ms of
    // the frame's animation time, which stands still in this frame: the browser is not rendering it), and still got
    // nothing from the loader.
    if (app) await impostor.locator('#app main').waitFor({ state: 'attached' });
    else await expect.poll(impostorPorts).toBe(0);
    // Its hellos reached the merchant page (the real app says one, the forged page three), so the loader has heard them.
    await messagesFrom(page, '#impostor', app ? 1 : 3);

    // Had the loader answered the impostor, it would have re-handshaken its own frame and broken it.
    // A new email each time: a known one would join its connection, already subscribed to this plan.
    await pay(checkoutFrame(page), GOOD_CARD, { email: `real-${randomUUID()}@example.com`, name: 'Real Customer' });
    await waitForEvent(page, 'success');
    const events = (await recordedEvents(page)).map((e) => e.type);
    expect(events.filter((type) => type === 'ready')).toHaveLength(1);
    if (app) expect(await impostor.getByLabel('Card number').count()).toBe(0);
    else expect(await impostorPorts()).toBe(0);
  });
});

describe('a tampered token', () => {
  it('ends in session_not_found, never showing another session, when it pairs one session’s page with another’s secret', async () => {
    const { page, url, session } = await openMerchant();
    const other = await ctx.stack.createSubscriptionSession({ origin_url: url });
    const { secret, base } = JSON.parse(Buffer.from(other.checkout_session_token, 'base64').toString());
    // The loader trusts the token's handle to name the page: only the server can tell that the secret is not its.
    const tampered = Buffer.from(JSON.stringify({ secret, base, handle: handleOf(session.checkout_session_token) })).toString('base64');
    await page.goto(url);
    await openCheckout(page, tampered);
    const error = await waitForEvent(page, 'error');
    expect(error.detail).toMatchObject({ code: 'session_not_found', checkoutSessionId: session.checkout_session_id });
    expect((await recordedEvents(page)).map((e) => e.type)).not.toContain('ready');
    expect(await checkoutFrame(page).getByLabel('Card number').count()).toBe(0);
  });
});

describe('replayed messages', () => {
  it('change nothing when every message the checkout sent is replayed by the page or by a third origin', async () => {
    const { page, url, session } = await openMerchant();
    // Records, in the merchant page only, every message the loader received on its port.
    await page.addInitScript((merchantOrigin) => {
      if (location.origin !== merchantOrigin) return;
      const w = window as any;
      w.received = [];
      const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
      Object.defineProperty(MessagePort.prototype, 'onmessage', {
        set(listener) {
          onmessage.set!.call(this, (event: MessageEvent) => {
            w.received.push(event.data);
            listener(event);
          });
        },
      });
    }, new URL(url).origin);
    await page.goto(url);
    await openCheckout(page, session.checkout_session_token);
    await pay(checkoutFrame(page), GOOD_CARD, { email: 'first@example.com', name: 'First Buyer' });
    await waitForEvent(page, 'close');
    const sent = await page.evaluate(() => (window as any).received);
    expect(sent.map((m: { type: string }) => m.type)).toContain('success');

    const second = await ctx.stack.createSubscriptionSession({ origin_url: url });
    await page.evaluate(() => ((window as any).events = []));
    await openCheckout(page, second.checkout_session_token);
    await waitForEvent(page, 'ready');
    await countMessagesFrom(page, 'self');
    await countMessagesFrom(page, '#replayer');
    await page.evaluate((messages) => messages.forEach((m: unknown) => window.postMessage(m, '*')), sent);
    const replayer = await ctx.stack.startThirdOrigin(
      `<script>for (const m of ${JSON.stringify(sent)}) parent.postMessage(m, '*');</script>`,
    );
    await addFrame(page, { id: 'replayer', src: replayer });
    // Every replayed message has reached the page, and so the loader's listener.
    await messagesFrom(page, 'self', sent.length);
    await messagesFrom(page, '#replayer', sent.length);
    expect((await recordedEvents(page)).map((e) => e.type)).toEqual(['ready', 'step']);
    expect(await page.locator('dialog').count()).toBe(1);
  });
});

describe('when framing fails', () => {
  it('reports handshake_timeout and falls back to redirect when the merchant page may not frame the checkout', async () => {
    // The session belongs to the demo shop's origin, so this page is refused by frame-ancestors.
    const { page, url } = await openMerchant();
    const session = await ctx.stack.createSubscriptionSession({ success_url: `${url}done` });
    // The page's clock runs on as usual; once the browser has refused the frame, it jumps the handshake's 8 s.
    await page.clock.install();
    await page.goto(url);
    const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await openCheckout(page, session.checkout_session_token);
    await refused;
    expect((await recordedEvents(page)).map((e) => e.type)).toEqual([]);
    await page.clock.fastForward(HANDSHAKE_TIMEOUT_MS);
    await page.waitForURL((u) => u.pathname.startsWith('/checkout/'));
    await pay(page, GOOD_CARD, { email: 'fallback@example.com', name: 'Fallback Buyer' });
    // Done, rather than the success screen's own return 3 s later (loader.test.ts waits for that one).
    await page.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${url}done`));
    expect(new URL(page.url()).searchParams.get('checkout_session_id')).toBe(session.checkout_session_id);
  });

  it('closes on Escape while the refused frame shows the browser’s error page, before the handshake times out', async () => {
    const { page, url } = await openMerchant();
    const session = await ctx.stack.createSubscriptionSession();
    await page.goto(url);
    const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await openCheckout(page, session.checkout_session_token);
    await refused;
    await page.keyboard.press('Escape');
    await page.locator('dialog').waitFor({ state: 'detached', timeout: 2000 });
    expect((await recordedEvents(page)).map((e) => e.type)).toEqual(['cancel', 'close']);
    expect(page.url()).toBe(url);
  });

  it('completes by redirect through a [data-till-checkout] link when the loader script never loads', async () => {
    const url = await serveMerchantPage(ctx.stack, { autoInit: true, body: '<a id="link" data-till-checkout>Pay by link</a>' });
    const session = await ctx.stack.createSubscriptionSession({ origin_url: url, success_url: `${url}done` });
    const page = await (await ctx.browser.newContext()).newPage();
    await page.route('**/checkout.js', (route) => route.abort());
    await page.goto(url);
    await page.evaluate((href) => document.getElementById('link')!.setAttribute('href', href), session.checkout_url);
    await page.getByRole('link', { name: 'Pay by link' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/checkout/'));
    await pay(page, GOOD_CARD, { email: 'nojs@example.com', name: 'Link Buyer' });
    await page.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${url}done`));
  });
});

describe('script tag', () => {
  it('binds [data-till-checkout] elements added after load, and the link opens a modal', async () => {
    const { page, url, session } = await openMerchant({ autoInit: true });
    await page.goto(url);
    await page.evaluate((href) => {
      const link = document.createElement('a');
      link.href = href;
      link.dataset.tillCheckout = '';
      link.textContent = 'Pay later';
      document.querySelector('main')!.append(link);
      (window as any).linkEvents = [];
      link.addEventListener('till:ready', () => (window as any).linkEvents.push('ready'));
    }, session.checkout_url);
    await page.getByRole('link', { name: 'Pay later' }).click();
    await checkoutFrame(page).getByLabel('Card number').waitFor();
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as any).linkEvents)).toEqual(['ready']);
  });

  it('loads from its versioned URL with Subresource Integrity, and not when the hash is wrong', async () => {
    const { src, integrity } = await (await fetch(`${ctx.stack.tillUrl}checkout.json`)).json();
    const tag = (hash: string) => `<!doctype html><title>SRI</title><script src="${src}" integrity="${hash}" crossorigin="anonymous"></script>`;
    const page = await (await ctx.browser.newContext()).newPage();
    await page.goto(await ctx.stack.startThirdOrigin(tag(integrity)));
    expect(await page.evaluate(() => typeof (window as any).Till?.open)).toBe('function');
    await page.goto(await ctx.stack.startThirdOrigin(tag(`sha384-${'A'.repeat(64)}`)));
    expect(await page.evaluate(() => typeof (window as any).Till)).toBe('undefined');
  });

  it('keeps an existing window.Till and survives being included twice', async () => {
    const { page, url } = await openMerchant();
    await page.goto(url);
    const result = await page.evaluate(async (src) => {
      const w = window as any;
      const open = w.Till.open;
      w.Till.mine = 42;
      await new Promise((resolve) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = resolve;
        document.head.append(script);
      });
      return { same: w.Till.open === open, mine: w.Till.mine };
    }, `${ctx.stack.tillUrl}checkout.js`);
    expect(result).toEqual({ same: true, mine: 42 });
  });
});

describe('a strict merchant page', () => {
  it('opens and completes under a CSP without unsafe-inline and with Trusted Types, with no violation', async () => {
    const till = new URL(ctx.stack.tillUrl).origin;
    const csp = `default-src 'self'; script-src 'self' ${till}; style-src 'self'; frame-src ${till}; require-trusted-types-for 'script'; trusted-types 'none'`;
    const { page, url, session } = await openMerchant({ headers: { 'Content-Security-Policy': csp } });
    const violations: string[] = [];
    page.on('console', (message) => /Content Security Policy|Trusted Type/i.test(message.text()) && violations.push(message.text()));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective}`));
    });
    await page.goto(url);
    await openCheckout(page, session.checkout_session_token);
    await pay(checkoutFrame(page), GOOD_CARD, { email: 'strict@example.com', name: 'Strict Buyer' });
    await waitForEvent(page, 'close');
    expect(violations).toEqual([]);
  });
});

describe('keyboard and assistive technology', () => {
  it('keeps focus on the dialog while the frame loads, and moves it into the frame once its first screen shows', async () => {
    const { page, url, session } = await openMerchant();
    // The session's answer waits until the test lets it go, so the frame has said hello but shows only its skeleton.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/checkout/session', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(url);
    await countMessagesFrom(page, 'dialog iframe');
    await openCheckout(page, session.checkout_session_token);
    await messagesFrom(page, 'dialog iframe', 1);
    const focused = () => page.evaluate(() => document.activeElement?.tagName);
    expect(await focused()).toBe('DIALOG');

    answer();
    await waitForEvent(page, 'ready');
    await expect.poll(focused).toBe('IFRAME');
  });

  it('keeps Tab and Shift+Tab in the dialog, closes on Escape, returns focus, and axe finds nothing', async () => {
    const { page, url, session } = await openMerchant();
    await page.goto(url);
    await page.locator('#buy').focus();
    await openCheckout(page, session.checkout_session_token);
    await waitForEvent(page, 'ready');
    const focusInDialog = () => page.evaluate(() => !!document.activeElement?.closest('dialog'));
    for (const key of [...Array(12).fill('Tab'), ...Array(12).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      expect(await focusInDialog()).toBe(true);
    }

    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () => (await (window as any).axe.run(document, { iframes: false })).violations);
    expect(violations.map((v: { id: string }) => v.id)).toEqual([]);

    await page.keyboard.press('Escape');
    await waitForEvent(page, 'close');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('buy');
  });
});
