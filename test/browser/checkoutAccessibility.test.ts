import type { Frame, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkoutFrame, DECLINED_CARD, GOOD_CARD, pay } from './support/checkoutFrame';
import { axeViolations } from './support/axeViolations';
import { completeWithCard } from './support/completeWithCard';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

const customer = () => ({ email: `a11y-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`, name: 'Ally Keys' });

/** Holds the checkout app's requests to `path` until `release` is called, so a passing state can be looked at. */
async function holdRequests(page: Page, path: string) {
  const held: Route[] = [];
  let first!: () => void;
  const arrived = new Promise<void>((resolve) => (first = resolve));
  await page.context().route((url) => url.pathname === path, (route) => {
    held.push(route);
    first();
  });
  return {
    // Resolves with the first request held, however long the frame takes to send it (a poll gave up after 1 s).
    waitForOne: () => arrived,
    release: async () => {
      await page.context().unroute((url) => url.pathname === path);
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

interface State {
  name: string;
  /** Opens a checkout with `open` on a fresh shop page and brings it to the state; resolves when it shows. */
  reach(page: Page, open: (token: string) => Promise<void>): Promise<void>;
}

const STATES: State[] = [
  {
    name: 'loading',
    async reach(page, open) {
      const session = await ctx.stack.createSubscriptionSession();
      const hold = await holdRequests(page, '/api/checkout/session');
      await open(session.checkout_session_token);
      await hold.waitForOne();
      await checkoutFrame(page).locator('[aria-busy="true"]').waitFor();
    },
  },
  {
    name: 'new customer form',
    async reach(page, open) {
      await open((await ctx.stack.createSubscriptionSession()).checkout_session_token);
      await checkoutFrame(page).getByLabel('Card number').waitFor();
    },
  },
  {
    name: 'field errors',
    async reach(page, open) {
      await open((await ctx.stack.createSubscriptionSession()).checkout_session_token);
      await checkoutFrame(page).getByRole('button', { name: /^Pay / }).click();
      await checkoutFrame(page).locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'declined',
    async reach(page, open) {
      await open((await ctx.stack.createSubscriptionSession()).checkout_session_token);
      await pay(checkoutFrame(page), DECLINED_CARD, customer());
      await checkoutFrame(page).getByRole('alert').filter({ hasText: /declined/i }).waitFor();
    },
  },
  {
    name: 'processing',
    async reach(page, open) {
      await open((await ctx.stack.createSubscriptionSession()).checkout_session_token);
      await holdRequests(page, '/api/checkout/complete');
      await pay(checkoutFrame(page), GOOD_CARD, customer());
      await checkoutFrame(page).getByRole('button', { name: /Processing/ }).waitFor();
    },
  },
  {
    name: 'success',
    async reach(page, open) {
      await open((await ctx.stack.createSubscriptionSession()).checkout_session_token);
      await pay(checkoutFrame(page), GOOD_CARD, customer());
      await checkoutFrame(page).getByRole('heading', { name: 'Payment successful' }).waitFor();
    },
  },
  {
    name: 'returning customer with a saved card',
    async reach(page, open) {
      const connectionId = await completeWithCard(ctx.stack, customer());
      const { body: plans } = await ctx.stack.api('v1/subscription_configs');
      const bundle = plans.data[0].credit_bundles[0];
      const { body } = await ctx.stack.api('v1/checkout_sessions', {
        checkout_mode: 'credit_bundle',
        origin_url: ctx.stack.shopUrl,
        credit_bundle_id: bundle.credit_bundle_id,
        connection_id: connectionId,
      });
      await open(body.checkout_session_token);
      await checkoutFrame(page).getByRole('button', { name: 'Pay with •••• 4242' }).waitFor();
    },
  },
  {
    name: 'expired',
    async reach(page, open) {
      const session = await ctx.stack.createSubscriptionSession();
      await ctx.stack.db.query("UPDATE checkout_sessions SET expires_at = now() - interval '1 minute' WHERE checkout_session_id = $1", [
        session.checkout_session_id,
      ]);
      await open(session.checkout_session_token);
      await checkoutFrame(page).getByRole('heading', { name: /expired/i }).waitFor();
    },
  },
  {
    name: 'already completed',
    async reach(page, open) {
      const session = await ctx.stack.createSubscriptionSession();
      await completeWithCard(ctx.stack, customer(), session);
      await open(session.checkout_session_token);
      await checkoutFrame(page).getByRole('heading', { name: /already/i }).waitFor();
    },
  },
  {
    name: 'not found',
    async reach(page, open) {
      // The page loads, then the session goes before the app asks for it: the server's real 404.
      const session = await ctx.stack.createSubscriptionSession();
      const hold = await holdRequests(page, '/api/checkout/session');
      await open(session.checkout_session_token);
      await hold.waitForOne();
      await ctx.stack.db.query('DELETE FROM checkout_sessions WHERE checkout_session_id = $1', [session.checkout_session_id]);
      await hold.release();
      await checkoutFrame(page).getByRole('heading', { name: /not found/i }).waitFor();
    },
  },
  {
    name: 'network error',
    async reach(page, open) {
      await page.context().route((url) => url.pathname === '/api/checkout/session', (route) => route.abort('internetdisconnected'));
      await open((await ctx.stack.createSubscriptionSession()).checkout_session_token);
      await checkoutFrame(page).getByRole('button', { name: 'Retry' }).waitFor();
    },
  },
];

const checkoutFrameOf = (page: Page): Frame => page.frames().find((frame) => frame.url().startsWith(`${ctx.stack.tillUrl}checkout/`))!;

describe.each(['light', 'dark'] as const)('the checkout in the %s theme', (theme) => {
  it.each(STATES)('has no axe violations: $name', async ({ reach }) => {
    const page = await ctx.openShop();
    const open = async (token: string) => {
      await page.evaluate(
        ([token, theme]) => {
          const handle = (window as any).Till.open(token, { theme });
          // Keep the success screen up for the audit instead of closing after it.
          handle.addEventListener('success', (event: Event) => event.preventDefault());
        },
        [token, theme] as const,
      );
    };
    await reach(page, open);
    const frame = checkoutFrameOf(page);
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await axeViolations(frame)).toEqual([]);
    await page.context().close();
  });
});
