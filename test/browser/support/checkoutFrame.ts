import type { FrameLocator, Page } from 'playwright-core';

/** A checkout in a frame, or the hosted page itself in redirect display. */
type CheckoutView = Pick<FrameLocator, 'getByRole' | 'locator'>;

export const GOOD_CARD = '4242 4242 4242 4242';
export const DECLINED_CARD = '4000 0000 0000 0002';

export const checkoutFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Checkout"]');

/**
 * Fills the checkout form with a valid expiry and CVC, in any language: the inputs are found by their autocomplete
 * tokens, which no locale changes (a browser's autofill finds them the same way). A new customer's country is
 * `customer.country`, else the merchant's prefill, else the United States, where the demo catalog charges no tax,
 * so totals stay as priced without one.
 */
export async function fillPaymentForm(frame: CheckoutView, card: string, customer?: { email: string; name: string; country?: string }) {
  const input = (token: string) => frame.locator(`input[autocomplete="${token}"]`);
  if (customer) {
    await input('email').fill(customer.email);
    await input('name').fill(customer.name);
    const country = frame.locator('select[autocomplete="country"]');
    await country.selectOption(customer.country ?? ((await country.inputValue()) || 'US'));
  }
  await input('cc-number').fill(card);
  await input('cc-exp').fill(`12/${(new Date().getFullYear() + 2) % 100}`);
  await input('cc-csc').fill('123');
}

/** Fills the English checkout form as a customer would, then presses Pay (which waits for a changed country's total). */
export async function pay(frame: CheckoutView, card: string, customer?: { email: string; name: string; country?: string }) {
  await fillPaymentForm(frame, card, customer);
  await frame.getByRole('button', { name: /^Pay / }).click();
}

/** What the demo shop's page wrote down from its `onSuccess`/`onCancel`/`onError` callbacks. */
export async function shopOutcome(page: Page, outcome: 'success' | 'pending' | 'cancel' | 'error') {
  const result = page.locator(`#result[data-outcome="${outcome}"]`);
  await result.waitFor();
  return result.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
}

/**
 * Waits until the demo shop's page shows a purchase confirmed by Till's webhook (its backend has the event, not
 * just the page's `onSuccess`), and returns what the page wrote down, with the words it showed.
 */
export async function shopConfirmation(page: Page) {
  const result = page.locator('#result[data-confirmed="webhook"]');
  await result.waitFor();
  return result.evaluate((el) => ({ ...(el as HTMLElement).dataset, text: el.textContent }));
}
