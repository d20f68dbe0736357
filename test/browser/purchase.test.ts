import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkoutFrame, DECLINED_CARD, GOOD_CARD, pay, shopOutcome } from './support/checkoutFrame';
import { useBrowserStack } from './support/useBrowserStack';
import { secretOf } from './support/secretOf';

const ctx = useBrowserStack();
const openShop = () => ctx.openShop();

describe('buying through the demo shop', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openShop();
  });

  it('subscribes a new customer, and onSuccess reports the ids the API confirms', async () => {
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const frame = checkoutFrame(page);
    await pay(frame, GOOD_CARD, { email: 'ada@example.com', name: 'Ada Lovelace' });
    await frame.getByRole('heading', { name: 'Payment successful' }).waitFor();

    const result = await shopOutcome(page, 'success');
    const { status, body: session } = await ctx.stack.api(`v1/checkout_sessions/${result.checkoutSessionId}`);
    expect(status).toBe(200);
    expect(session).toMatchObject({
      checkout_mode: 'subscription',
      status: 'completed',
      connection_id: result.connectionId,
      origin_url: ctx.stack.shopUrl,
    });
    expect(session.completed_at).not.toBeNull();
    const { body: connection } = await ctx.stack.api(`v1/connections/${result.connectionId}`);
    expect(connection.customer).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(connection.subscription.status).toBe('active');
    // The modal closes by itself after the success screen.
    await page.locator('dialog').waitFor({ state: 'detached' });
  });

  it('lets that connection buy a credit bundle with the saved card, and its balance grows', async () => {
    const account = page.locator('#account');
    await expect.poll(() => account.getAttribute('data-credit-balance')).toBe('10.00');
    await page.getByRole('button', { name: 'Buy credits' }).click();
    const frame = checkoutFrame(page);
    await frame.getByText(/Signed in as Ada Lovelace/).waitFor();
    expect(await frame.getByText('Credit balance', { exact: true }).locator('xpath=following-sibling::dd').textContent()).toBe('10');
    expect(await frame.getByText('Balance after purchase').locator('xpath=following-sibling::dd').textContent()).toBe('15');
    expect(await frame.getByLabel('Card number').count()).toBe(0);
    await frame.getByRole('button', { name: 'Pay with •••• 4242' }).click();

    const result = await shopOutcome(page, 'success');
    expect(result.checkoutSessionId).toMatch(/^cs_test_/);
    await expect.poll(() => account.getAttribute('data-credit-balance')).toBe('15.00');
    const { body: connection } = await ctx.stack.api(`v1/connections/${result.connectionId}`);
    expect(connection.credit_balance).toBe('15.00');
  });
});

describe('what the server charges', () => {
  it('charges the total shown after a promotion code and another seat', async () => {
    const page = await openShop();
    const { body: plans } = await ctx.stack.api('v1/subscription_configs');
    const team = plans.data.find((plan: { name: string }) => plan.name === 'Team');
    const { status, body: created } = await ctx.stack.api('v1/checkout_sessions', {
      checkout_mode: 'subscription',
      origin_url: ctx.stack.shopUrl,
      subscription_config_id: team.subscription_config_id,
      quantity: 3,
      allow_promotion_codes: true,
    });
    expect(status).toBe(201);
    await page.evaluate((token) => void (window as any).Till.open(token), created.checkout_session_token);
    const frame = checkoutFrame(page);
    const payButton = frame.getByRole('button', { name: /^Pay / });
    await expect.poll(() => payButton.textContent()).toBe('Pay $36.00');

    await frame.getByLabel('Promotion code').fill('TEAM10');
    await frame.getByRole('button', { name: 'Apply' }).click();
    await frame.getByText('Code TEAM10 applied').waitFor();
    await frame.getByRole('button', { name: 'Add a seat' }).click();
    // 4 seats × $12.00 = $48.00, less 10%.
    await expect.poll(() => payButton.textContent()).toBe('Pay $43.20');

    await pay(frame, GOOD_CARD, { email: `seats-${Date.now()}@example.com`, name: 'Team Lead' });
    await frame.getByRole('heading', { name: 'Payment successful' }).waitFor();
    const payments = await ctx.stack.db.query<{ amount: number; status: string }>(
      'SELECT amount, status FROM payments WHERE checkout_session_id = $1',
      [created.checkout_session_id],
    );
    expect(payments).toEqual([{ amount: 4320, status: 'succeeded' }]);
  });
});

describe('declines', () => {
  it('says why each test card was declined, then takes a good card', async () => {
    const page = await openShop();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const frame = checkoutFrame(page);
    const alert = frame.getByRole('alert');
    await pay(frame, '4000 0000 0000 9995', { email: `declines-${Date.now()}@example.com`, name: 'Dee Clined' });
    await alert.filter({ hasText: 'Your card has insufficient funds. Try another card.' }).waitFor();
    await frame.getByLabel('Card number').fill('4000 0000 0000 0069');
    await frame.getByRole('button', { name: /^Pay / }).click();
    await alert.filter({ hasText: 'Your card has expired. Try another card.' }).waitFor();
    await frame.getByLabel('Card number').fill(DECLINED_CARD);
    await frame.getByRole('button', { name: /^Pay / }).click();
    await alert.filter({ hasText: 'Your card was declined. Try another card.' }).waitFor();
    expect(await page.locator('#result').getAttribute('data-outcome')).toBeNull();

    await frame.getByLabel('Card number').fill(GOOD_CARD);
    await frame.getByRole('button', { name: /^Pay / }).click();
    const result = await shopOutcome(page, 'success');
    const payments = await ctx.stack.db.query<{ status: string; decline_code: string | null }>(
      'SELECT status, decline_code FROM payments WHERE checkout_session_id = $1 ORDER BY created_at, payment_id',
      [result.checkoutSessionId],
    );
    expect(payments.map((p) => p.decline_code ?? p.status)).toEqual(['insufficient_funds', 'expired_card', 'card_declined', 'succeeded']);
  });
});

describe('payment and closing', () => {
  it('shows a decline in words, then takes a good card', async () => {
    const page = await openShop();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const frame = checkoutFrame(page);
    await pay(frame, DECLINED_CARD, { email: 'grace@example.com', name: 'Grace Hopper' });
    await frame.getByRole('alert').filter({ hasText: /declined/i }).waitFor();
    expect(await page.locator('#result').getAttribute('data-outcome')).toBeNull();

    await frame.getByLabel('Card number').fill(GOOD_CARD);
    await frame.getByRole('button', { name: /^Pay / }).click();
    const result = await shopOutcome(page, 'success');
    const { body: session } = await ctx.stack.api(`v1/checkout_sessions/${result.checkoutSessionId}`);
    expect(session.status).toBe('completed');
  });

  it('calls onCancel when the customer presses Escape, and returns focus to the trigger', async () => {
    const page = await openShop();
    const subscribe = page.getByRole('button', { name: 'Subscribe' });
    await subscribe.click();
    await checkoutFrame(page).getByLabel('Email').waitFor();
    await page.keyboard.press('Escape');
    const result = await shopOutcome(page, 'cancel');
    expect(result.checkoutSessionId).toMatch(/^cs_test_/);
    await page.locator('dialog').waitFor({ state: 'detached' });
    expect(await subscribe.evaluate((el) => el === document.activeElement)).toBe(true);
  });
  it('opens one dialog when opened twice, locks page scroll, and the close button cancels it once', async () => {
    const page = await openShop();
    const { checkout_session_token: token } = await ctx.stack.createSubscriptionSession();
    const sameHandle = await page.evaluate((token) => {
      const w = window as any;
      w.cancels = 0;
      const options = { onCancel: () => w.cancels++ };
      return w.Till.open(token, options) === w.Till.open(token, options);
    }, token);
    expect(sameHandle).toBe(true);
    expect(await page.locator('dialog').count()).toBe(1);

    await checkoutFrame(page).getByLabel('Email').waitFor();
    const bodyPosition = () => page.evaluate(() => getComputedStyle(document.body).position);
    expect(await bodyPosition()).toBe('fixed');
    await page.getByRole('button', { name: 'Close checkout' }).click();
    await page.locator('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as any).cancels)).toBe(1);
    expect(await bodyPosition()).toBe('static');
  });
});

describe('other origins', () => {
  it('ignores forged success messages from a page on a third origin, and never hands it a port', async () => {
    const page = await openShop();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const frame = checkoutFrame(page);
    await frame.getByLabel('Email').waitFor();
    const forged = [
      { ns: 'till-checkout', v: 1, type: 'hello', checkoutSessionId: 'cs_test_forged' },
      { ns: 'till-checkout', v: 1, type: 'success', checkoutSessionId: 'cs_test_forged', connectionId: 'con_test_forged', checkoutMode: 'subscription' },
    ];
    // The attacker holds a reference to the shop's window (it opened it) and posts to it with '*'.
    const attacker = await ctx.stack.startThirdOrigin('<!doctype html><title>attacker</title>');
    const attackerPage = await page.context().newPage();
    await attackerPage.goto(attacker);
    const portsReceived = await attackerPage.evaluate(
      async ({ shopUrl, forged }) => {
        let ports = 0;
        window.addEventListener('message', (event) => (ports += event.ports.length));
        const shop = window.open(shopUrl)!;
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (let i = 0; i < 5; i++) for (const message of forged) shop.postMessage(message, '*');
        await new Promise((resolve) => setTimeout(resolve, 500));
        shop.close();
        return ports;
      },
      { shopUrl: ctx.stack.shopUrl, forged },
    );
    expect(portsReceived).toBe(0);

    // And a forged success posted by the shop page's own window, which is not the checkout frame.
    await page.evaluate(() => window.postMessage({ ns: 'till-checkout', v: 1, type: 'success', checkoutSessionId: 'x', connectionId: 'y', checkoutMode: 'subscription' }, '*'));
    await frame.getByLabel('Email').fill('still@here.com');
    expect(await page.locator('#result').getAttribute('data-outcome')).toBeNull();
    expect(await page.locator('dialog').count()).toBe(1);

    // The forged hello did not rebind the checkout: closing reports the real session.
    await page.keyboard.press('Escape');
    const result = await shopOutcome(page, 'cancel');
    expect(result.checkoutSessionId).toMatch(/^cs_test_[0-9A-Z]{26}$/);
  });

  it('refuses to be framed by a page on an origin other than the session origin', async () => {
    const session = await ctx.stack.createSubscriptionSession();
    const handle = createHash('sha256').update(secretOf(session.checkout_session_token)).digest('base64url');
    const checkoutUrl = new URL(`checkout/${handle}`, ctx.stack.tillUrl).href;
    const framing = `<!doctype html><title>framer</title><iframe title="Checkout" src="${checkoutUrl}"></iframe>`;

    const page = await (await ctx.browser.newContext()).newPage();
    const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await page.goto(await ctx.stack.startThirdOrigin(framing));
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toContain(handle);
    expect(await checkoutFrame(page).getByLabel('Card number').count()).toBe(0);
  });
});
