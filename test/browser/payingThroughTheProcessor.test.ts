import type { FrameLocator, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkoutFrame, pay, shopConfirmation, shopOutcome } from './support/checkoutFrame';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

const CHALLENGE = 'Confirm the payment with your bank';
const challengeIn = (frame: Pick<FrameLocator, 'frameLocator'>) => frame.frameLocator(`iframe[title="${CHALLENGE}"]`);
let customers = 0;
const newCustomer = () => ({ email: `card.${++customers}@example.com`, name: 'Card Holder' });

/** Opens the shop's Subscribe checkout, recording every request the page and its frames send. */
async function openCheckout(): Promise<{ page: Page; frame: FrameLocator; requests: Request[] }> {
  const page = await ctx.openShop();
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  await page.getByRole('button', { name: 'Subscribe' }).click();
  return { page, frame: checkoutFrame(page), requests };
}

const paid = (frame: FrameLocator) => frame.getByRole('heading', { name: 'Payment successful' }).waitFor();
const declined = async (frame: FrameLocator) => (await frame.getByRole('alert').textContent())?.trim();

/** Each of Stripe's test cards the test processor knows, bought through the real checkout, and how it ends. */
const PURCHASES: Array<[number: string, finish: (frame: FrameLocator) => Promise<void>]> = [
  ['4242424242424242', paid],
  ['4000000000000341', paid],
  ['4000000000000002', async (frame) => expect(await declined(frame)).toBe('Your card was declined. Try another card.')],
  ['4000000000009995', async (frame) => expect(await declined(frame)).toBe('Your card has insufficient funds. Try another card.')],
  ['4000000000000069', async (frame) => expect(await declined(frame)).toBe('Your card has expired. Try another card.')],
  [
    '4000002760003184',
    async (frame) => {
      await challengeIn(frame).getByRole('button', { name: 'Complete' }).click();
      await paid(frame);
    },
  ],
  [
    '4000002500003155',
    async (frame) => {
      await challengeIn(frame).getByRole('button', { name: 'Fail' }).click();
      expect(await declined(frame)).toBe('Your bank asked you to confirm this payment, and it was not confirmed. Try again or use another card.');
    },
  ],
  [
    '4000000000007726',
    async (frame) => {
      await frame.getByText('Your payment is being confirmed').waitFor();
      await paid(frame);
    },
  ],
];

describe('paying through the test processor', () => {
  it('asks for 3-D Secure inside the frame, with focus on the challenge and the modal refusing to close, then pays', async () => {
    const { page, frame } = await openCheckout();
    await pay(frame, '4000 0027 6000 3184', newCustomer());
    const complete = challengeIn(frame).getByRole('button', { name: 'Complete' });
    await complete.waitFor();
    // The bank's page has the focus, and Tab goes to its first button; Escape does not close the checkout mid-payment.
    const challengeFrame = frame.locator(`iframe[title="${CHALLENGE}"]`);
    await expect.poll(() => challengeFrame.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => complete.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('dialog').count()).toBe(1);
    await complete.click();
    await paid(frame);
  });

  it('takes the round trip through the challenge in redirect display, and finishes in the checkout', async () => {
    const page = await (await ctx.browser.newContext()).newPage();
    const { body: session } = await ctx.stack.api('v1/checkout_sessions', {
      checkout_mode: 'subscription',
      origin_url: ctx.stack.shopUrl,
      subscription_config_id: (await ctx.stack.api('v1/subscription_configs')).body.data[0].subscription_config_id,
      success_url: `${ctx.stack.shopUrl}?paid`,
    });
    await page.goto(session.checkout_url);
    await pay(page, '4000 0027 6000 3184', newCustomer());
    await challengeIn(page).getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('heading', { name: 'Payment successful' }).waitFor();
    expect((await ctx.stack.api(`v1/checkout_sessions/${session.checkout_session_id}`)).body.status).toBe('completed');
  });

  it('tells the shop a slow payment is pending, and the shop confirms it when the webhook arrives', async () => {
    const { page, frame } = await openCheckout();
    await pay(frame, '4000 0000 0000 7726', newCustomer());
    const pending = await shopOutcome(page, 'pending');
    expect(pending.checkoutSessionId).toMatch(/^cs_test_/);
    expect((await ctx.stack.api(`v1/checkout_sessions/${pending.checkoutSessionId}`)).body.status).toBe('processing');
    expect(await shopConfirmation(page)).toMatchObject({ text: 'Confirmed by webhook: you are subscribed.', checkoutSessionId: pending.checkoutSessionId });
  });

  it('never lets a card number reach Till’s API, its store, its logs or its events, whatever the card does', { timeout: 90_000 }, async () => {
    const sentToTill: string[] = [];
    // Side by side: the card that settles later waits seconds for it, and the others would wait behind it.
    await Promise.all(
      PURCHASES.map(async ([number, finish]) => {
        const { frame, requests } = await openCheckout();
        await pay(frame, number.replace(/(\d{4})(?=\d)/g, '$1 '), newCustomer());
        await finish(frame);
        const tokenized = requests.filter((request) => request.url().includes('/test-processor/payment_methods'));
        expect(tokenized.map((request) => request.postDataJSON().card.number), number).toEqual([number]);
        for (const request of requests) {
          const { pathname } = new URL(request.url());
          if (pathname.startsWith('/api/checkout/') || pathname.startsWith('/v1/')) sentToTill.push(`${request.url()} ${request.postData() ?? ''}`);
        }
      }),
    );
    expect(sentToTill.some((request) => request.includes('/api/checkout/complete'))).toBe(true);

    const tables = await ctx.stack.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    let store = '';
    for (const { table_name } of tables) store += JSON.stringify(await ctx.stack.db.query(`SELECT * FROM ${table_name}`));
    const seen = { requests: sentToTill.join('\n'), store, logs: ctx.stack.logs() };
    for (const [number] of PURCHASES) {
      for (const [where, text] of Object.entries(seen)) expect(text.includes(number), `${number} in ${where}`).toBe(false);
    }
    // What is kept of each card: its last four digits, on its payment, and nothing longer.
    expect(store).toContain('"card_last4":"3184"');
  });
});
