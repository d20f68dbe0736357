import type { FrameLocator, Page } from 'playwright-core';

/** A checkout in a frame, or the hosted page itself in redirect display. */
type CheckoutView = Pick<FrameLocator, 'getByLabel' | 'getByRole'>;

export const GOOD_CARD = '4242 4242 4242 4242';
export const DECLINED_CARD = '4000 0000 0000 0002';

export const checkoutFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Checkout"]');

/**
 * Fills the checkout form as a customer would, then presses Pay. A new customer's country is `customer.country`,
 * else the merchant's prefill, else the United States, where the demo catalog charges no tax, so totals stay as
 * priced without one. Pay waits for the total of a changed country (the button is disabled until it arrives).
 */
export async function pay(frame: CheckoutView, card: string, customer?: { email: string; name: string; country?: string }) {
  if (customer) {
    await frame.getByLabel('Email').fill(customer.email);
    await frame.getByLabel('Full name').fill(customer.name);
    const country = frame.getByLabel('Country');
    const wanted = customer.country ?? ((await country.inputValue()) || 'US');
    await country.selectOption(wanted);
  }
  await frame.getByLabel('Card number').fill(card);
  await frame.getByLabel('Expiry (MM/YY)').fill(`12/${(new Date().getFullYear() + 2) % 100}`);
  await frame.getByLabel('Security code').fill('123');
  await frame.getByRole('button', { name: /^Pay / }).click();
}

/** What the demo shop's page wrote down from its `onSuccess`/`onCancel`/`onError` callbacks. */
export async function shopOutcome(page: Page, outcome: 'success' | 'cancel' | 'error') {
  const result = page.locator(`#result[data-outcome="${outcome}"]`);
  await result.waitFor();
  return result.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
}
