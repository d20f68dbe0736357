import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkoutFrame, GOOD_CARD, pay, shopOutcome } from './support/checkoutFrame';
import { useBrowserStack } from './support/useBrowserStack';
import { secretOf } from './support/secretOf';

const ctx = useBrowserStack();

/** Opens `token` with `window.Till.open` on the shop page and resolves with the first outcome it reports. */
function openToken(page: Page, token: string) {
  return page.evaluate(
    (token) =>
      new Promise<{ outcome: string; code?: string; checkoutSessionId: string | null }>((resolve) => {
        (window as any).Till.open(token, {
          onSuccess: ({ checkoutSessionId }: any) => resolve({ outcome: 'success', checkoutSessionId }),
          onCancel: ({ checkoutSessionId }: any) => resolve({ outcome: 'cancel', checkoutSessionId }),
          onError: ({ checkoutSessionId, error }: any) => resolve({ outcome: 'error', code: error.code, checkoutSessionId }),
        });
      }),
    token,
  );
}

describe('sessions that cannot be paid', () => {
  it('shows an expired session as expired and reports session_expired', async () => {
    const session = await ctx.stack.createSubscriptionSession();
    await ctx.stack.db.query("UPDATE checkout_sessions SET expires_at = now() - interval '1 minute' WHERE checkout_session_id = $1", [
      session.checkout_session_id,
    ]);
    const page = await ctx.openShop();
    const reported = await openToken(page, session.checkout_session_token);
    expect(reported).toEqual({ outcome: 'error', code: 'session_expired', checkoutSessionId: session.checkout_session_id });
    await checkoutFrame(page).getByRole('heading', { name: /expired/i }).waitFor();
    expect(await checkoutFrame(page).getByLabel('Card number').count()).toBe(0);
  });

  it('shows a completed session as complete and reports session_completed', async () => {
    const session = await ctx.stack.createSubscriptionSession();
    const page = await ctx.openShop();
    const first = openToken(page, session.checkout_session_token);
    await pay(checkoutFrame(page), GOOD_CARD, { email: 'once@example.com', name: 'Paid Once' });
    expect((await first).outcome).toBe('success');
    await page.locator('dialog').waitFor({ state: 'detached' });

    const reported = await openToken(page, session.checkout_session_token);
    expect(reported).toEqual({ outcome: 'error', code: 'session_completed', checkoutSessionId: session.checkout_session_id });
    await checkoutFrame(page).getByRole('heading', { name: /already/i }).waitFor();
  });

  it('reports a malformed token to onError and opens nothing', async () => {
    const page = await ctx.openShop();
    expect(await openToken(page, 'not-a-token')).toEqual({ outcome: 'error', code: 'invalid_token', checkoutSessionId: null });
    expect(await page.locator('dialog').count()).toBe(0);
  });
});

describe('the session secret', () => {
  it('never appears in a URL or a Referer the browser sends', async () => {
    const page = await ctx.openShop();
    const requests: { url: string; referer: string }[] = [];
    page.context().on('request', async (request) => {
      requests.push({ url: request.url(), referer: (await request.allHeaders()).referer ?? '' });
    });
    const tokenResponse = page.waitForResponse((response) => response.url().endsWith('/api/checkout-session'));
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const secret = secretOf((await (await tokenResponse).json()).token);
    await pay(checkoutFrame(page), GOOD_CARD, { email: 'quiet@example.com', name: 'Quiet Customer' });
    await shopOutcome(page, 'success');

    const checkoutRequests = requests.filter(({ url }) => url.startsWith(ctx.stack.tillUrl));
    expect(checkoutRequests.map(({ url }) => new URL(url).pathname)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/checkout\/[\w-]{43}$/), '/api/checkout/session', '/api/checkout/complete']),
    );
    for (const { url, referer } of requests) {
      expect(url).not.toContain(secret);
      expect(referer).not.toContain(secret);
    }
  });
});
