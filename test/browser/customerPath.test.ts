import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axeViolations';
import { checkoutFrame, GOOD_CARD, pay } from './support/checkoutFrame';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

/** The demo shop on a phone-sized screen, with a checkout opened for `session` (Pro, unless told otherwise). */
async function openCheckout(session: Record<string, unknown>): Promise<{ page: Page; checkoutSessionId: string }> {
  const page = await (await ctx.browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  await page.goto(ctx.stack.shopUrl);
  const { body: plans } = await ctx.stack.api('v1/subscription_configs');
  const pro = plans.data.find((plan: { name: string }) => plan.name === 'Pro');
  const { status, body: created } = await ctx.stack.api('v1/checkout_sessions', {
    checkout_mode: 'subscription',
    origin_url: ctx.stack.shopUrl,
    subscription_config_id: pro.subscription_config_id,
    ...session,
  });
  expect(status).toBe(201);
  await page.evaluate((token) => void (window as any).Till.open(token), created.checkout_session_token);
  return { page, checkoutSessionId: created.checkout_session_id };
}

describe('price explanation popover', () => {
  it('opens with the keyboard inside the frame, and Escape closes it without closing the checkout', async () => {
    const { page } = await openCheckout({ customer: { country: 'DE' } });
    const frame = checkoutFrame(page);
    const button = frame.getByRole('button', { name: 'How is this calculated?' });
    await button.focus();
    await page.keyboard.press('Enter');

    const popover = frame.getByRole('dialog', { name: 'How your total is calculated' });
    await popover.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await popover.getByText('Tax: 19% MwSt. is added on top, which is $3.61.').waitFor();
    // Placed (not left hidden at the corner) and wholly inside the frame on a 360 px screen.
    await expect.poll(() => popover.getAttribute('data-placement')).toMatch(/^(bottom|top)/);
    await expect.poll(() => popover.evaluate((element) => element === document.activeElement)).toBe(true);
    const frameBox = (await page.locator('iframe[title="Checkout"]').boundingBox())!;
    const box = (await popover.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(frameBox.x);
    expect(box.y).toBeGreaterThanOrEqual(frameBox.y);
    expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width);
    expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height);

    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'hidden' });
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('dialog[open]').count()).toBe(1);
  });
});

describe('country', () => {
  it('reprices the checkout for the country picked, and the server charges that total', async () => {
    const { page, checkoutSessionId } = await openCheckout({});
    const frame = checkoutFrame(page);
    const payButton = frame.getByRole('button', { name: /^Pay / });
    await expect.poll(() => payButton.textContent()).toBe('Pay $19.00');

    await frame.getByLabel('Country').selectOption({ label: 'Germany' });
    await expect.poll(() => payButton.textContent()).toBe('Pay $22.61');
    await pay(frame, GOOD_CARD, { email: `country-${Date.now()}@example.com`, name: 'Max Mustermann' });
    await frame.getByRole('heading', { name: 'Payment successful' }).waitFor();
    const payments = await ctx.stack.db.query<{ amount: number }>('SELECT amount FROM payments WHERE checkout_session_id = $1', [checkoutSessionId]);
    expect(payments).toEqual([{ amount: 2261 }]);
  });

  it('has nothing axe-core objects to with field errors showing and the price explanation open', async () => {
    const { page } = await openCheckout({ customer: { email: 'axe@example.com', lock_email: true, country: 'FR' } });
    const frame = checkoutFrame(page);
    await frame.getByLabel('Card number').fill('4242 4242 4242 4241');
    await frame.getByLabel('Expiry (MM/YY)').fill('12/20');
    await frame.getByLabel('Full name').focus();
    await expect.poll(() => frame.getByLabel('Expiry (MM/YY)').getAttribute('aria-invalid')).toBe('true');
    expect(await frame.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');
    await frame.getByRole('button', { name: 'How is this calculated?' }).click();
    await frame.getByRole('dialog').waitFor();
    const checkout = page.frames().find((candidate) => candidate.url().includes('/checkout/'))!;
    expect(await axeViolations(checkout)).toEqual([]);
  });

  it('prefills and locks the email the merchant set', async () => {
    const { page } = await openCheckout({ customer: { email: 'locked@example.com', name: 'Lou Locked', lock_email: true } });
    const frame = checkoutFrame(page);
    const email = frame.getByLabel('Email');
    await expect.poll(() => email.inputValue()).toBe('locked@example.com');
    expect(await email.evaluate((input) => (input as HTMLInputElement).readOnly)).toBe(true);
    expect(await frame.getByLabel('Full name').inputValue()).toBe('Lou Locked');
  });
});
