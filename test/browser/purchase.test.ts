import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkoutFrame, DECLINED_CARD, GOOD_CARD, pay, shopConfirmation, shopOutcome } from './support/checkoutFrame';
import { useBrowserStack } from './support/useBrowserStack';
import { secretOf } from './support/secretOf';

const ctx = useBrowserStack();
const openShop = () => ctx.openShop();

describe('buying through the demo shop', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openShop();
  });

  it('subscribes a new customer, shows it once the shop has the webhook, and onSuccess reports the ids the API confirms', async () => {
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const frame = checkoutFrame(page);
    await pay(frame, GOOD_CARD, { email: 'ada@example.com', name: 'Ada Lovelace' });
    await frame.getByRole('heading', { name: 'Payment successful' }).waitFor();

    const result = await shopOutcome(page, 'success');
    const confirmed = await shopConfirmation(page);
    expect(confirmed).toMatchObject({
      text: 'Confirmed by webhook: you are subscribed.',
      checkoutSessionId: result.checkoutSessionId,
      connectionId: result.connectionId,
    });
    const account = page.locator('#account');
    await expect.poll(() => account.getAttribute('data-subscription-confirmed-by')).toBe('webhook');
    expect(await page.getByRole('button', { name: 'Buy credits' }).isEnabled()).toBe(true);
    // The shop answered every event of the purchase, through the real worker, on its first attempt.
    const deliveries = async () =>
      (await ctx.stack.api(`v1/webhook_endpoints/${ctx.stack.shopWebhook.webhookEndpointId}/deliveries?limit=100`)).body.data
        .map((attempt: { event_type: string; attempt: number; response_status: number }) => `${attempt.event_type} ${attempt.attempt} ${attempt.response_status}`)
        .sort();
    await expect.poll(deliveries).toEqual(['checkout.completed 1 204', 'connection.created 1 204', 'subscription.created 1 204']);

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

  it('lets that connection buy a credit bundle with the saved card, and the webhook confirms its new balance', async () => {
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
    const confirmed = await shopConfirmation(page);
    expect(confirmed).toMatchObject({
      text: 'Confirmed by webhook: 5.00 credits added; your balance is 15.00.',
      checkoutSessionId: result.checkoutSessionId,
    });
    await expect.poll(() => account.getAttribute('data-credit-balance')).toBe('15.00');
    const { body: connection } = await ctx.stack.api(`v1/connections/${result.connectionId}`);
    expect(connection.credit_balance).toBe('15.00');
  });

  it('refuses forged webhooks with 400, and they change nothing', async () => {
    const connectionId = (await page.locator('#result').getAttribute('data-connection-id'))!;
    const { url, secret } = ctx.stack.shopWebhook;
    const post = (body: string, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    const signed = (secret: string, body: string, timestamp = new Date()) => {
      const id = `evt_test_forged${randomBytes(8).toString('hex')}`;
      return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, timestamp, body) };
    };
    const event = (type: string, data: object) =>
      JSON.stringify({ event_id: `evt_test_forged${randomBytes(8).toString('hex')}`, type, created_at: new Date().toISOString(), livemode: false, data });
    const moreCredits = event('credits.purchased', {
      connection_id: connectionId, checkout_session_id: 'cs_test_forged', credit_bundle_id: 'cb_test_forged', credits_added: '1000.00', credit_balance: '1015.00',
    });
    const strangerSubscribed = event('checkout.completed', {
      checkout_session_id: 'cs_test_forged2', checkout_mode: 'subscription', connection_id: 'con_test_forged', subscription_id: 'sub_test_forged',
    });

    const answers = [
      // Signed with a secret that is not the shop's.
      await post(moreCredits, signed(`whsec_${randomBytes(24).toString('base64')}`, moreCredits)),
      await post(strangerSubscribed, signed(`whsec_${randomBytes(24).toString('base64')}`, strangerSubscribed)),
      // Not signed at all.
      await post(moreCredits, {}),
      // A real signature of another body: the body was changed on the way.
      await post(moreCredits, signed(secret, strangerSubscribed)),
      // A real signature, but ten minutes old: a replay.
      await post(moreCredits, signed(secret, moreCredits, new Date(Date.now() - 10 * 60 * 1000))),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400]);

    const shopApi = async (path: string) => (await fetch(new URL(path, ctx.stack.shopUrl))).json();
    expect(await shopApi('api/checkout-sessions/cs_test_forged')).toEqual({ checkout_session_id: 'cs_test_forged', confirmed: false });
    expect(await shopApi('api/checkout-sessions/cs_test_forged2')).toEqual({ checkout_session_id: 'cs_test_forged2', confirmed: false });
    expect(await shopApi(`api/connections/${connectionId}`)).toMatchObject({ credit_balance: '15.00', subscription_confirmed_by: 'webhook' });
    await page.reload();
    await expect.poll(() => page.locator('#account').getAttribute('data-credit-balance')).toBe('15.00');
  });
});

describe('confirmation by webhook', () => {
  it('shows a purchase as confirmed only once Till’s webhook reaches the shop, not on the checkout’s word', async () => {
    const endpoint = `v1/webhook_endpoints/${ctx.stack.shopWebhook.webhookEndpointId}`;
    // With the endpoint disabled, the purchase's events are recorded but sent nowhere until redelivered.
    expect((await ctx.stack.api(endpoint, { disabled: true }, 'PATCH')).status).toBe(200);
    try {
      const since = new Date().toISOString();
      const page = await openShop();
      await page.getByRole('button', { name: 'Subscribe' }).click();
      const frame = checkoutFrame(page);
      await pay(frame, GOOD_CARD, { email: `patience-${Date.now()}@example.com`, name: 'Pat Ience' });
      const result = await shopOutcome(page, 'success');
      expect(await page.locator('#result').textContent()).toBe('Payment received — waiting for confirmation…');
      expect(await page.locator('#result').getAttribute('data-confirmed')).toBeNull();
      expect(await page.getByRole('button', { name: 'Buy credits' }).isDisabled()).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('till-demo-connection'))).toBeNull();

      expect((await ctx.stack.api(endpoint, { disabled: false }, 'PATCH')).status).toBe(200);
      const { body: events } = await ctx.stack.api(`v1/events?type=checkout.completed&created_gte=${encodeURIComponent(since)}`);
      const completed = events.data.find((e: { data: { checkout_session_id: string } }) => e.data.checkout_session_id === result.checkoutSessionId);
      const redelivery = await ctx.stack.api(`v1/events/${completed.event_id}/redeliver`, { webhook_endpoint_id: ctx.stack.shopWebhook.webhookEndpointId });
      expect(redelivery.status).toBe(202);

      const confirmed = await shopConfirmation(page);
      expect(confirmed).toMatchObject({ text: 'Confirmed by webhook: you are subscribed.', connectionId: result.connectionId });
      await page.getByRole('button', { name: 'Buy credits' }).and(page.locator(':enabled')).waitFor();
      expect(await page.locator('#account').getAttribute('data-subscription-confirmed-by')).toBe('webhook');
    } finally {
      await ctx.stack.api(endpoint, { disabled: false }, 'PATCH');
    }
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
    const pageOverflow = () => page.evaluate(() => getComputedStyle(document.documentElement).overflow);
    expect(await pageOverflow()).toBe('hidden');
    await checkoutFrame(page).getByRole('button', { name: 'Close checkout' }).click();
    await page.locator('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as any).cancels)).toBe(1);
    expect(await pageOverflow()).toBe('visible');
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
