import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shopOutcome } from './support/checkoutFrame';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

/** A Team session: seats, a plan switch and a promotion code field, so every kind of control is on screen. */
async function createTeamSession() {
  const { body: plans } = await ctx.stack.api('v1/subscription_configs');
  const id = (name: string) => plans.data.find((plan: { name: string }) => plan.name === name).subscription_config_id;
  const { status, body } = await ctx.stack.api('v1/checkout_sessions', {
    checkout_mode: 'subscription',
    origin_url: ctx.stack.shopUrl,
    subscription_config_id: id('Team'),
    subscription_config_ids: [id('Team'), id('Pro')],
    quantity: 2,
    allow_promotion_codes: true,
  });
  if (status !== 201) throw new Error(JSON.stringify(body));
  return body;
}

const frameOf = (page: Page): Frame => page.frames().find((frame) => frame.url().startsWith(`${ctx.stack.tillUrl}checkout/`))!;

/** The accessible name of whatever has focus inside the checkout frame (its label, or its text). */
const focusedName = (frame: Frame) =>
  frame.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const labels = (element as HTMLInputElement).labels;
    return (labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
  });

/** Presses Tab until focus is on the control named `name`, as a keyboard user moving through the form would. */
async function tabTo(page: Page, name: RegExp) {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const frame = frameOf(page);
    if (frame && name.test(await focusedName(frame))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('the keyboard alone', () => {
  it('completes a purchase from the shop’s button to the success screen', async () => {
    const page = await ctx.openShop();
    await page.getByRole('button', { name: 'Subscribe' }).focus();
    await page.keyboard.press('Enter');
    await page.frameLocator('iframe[title="Checkout"]').getByLabel('Email').waitFor();

    await tabTo(page, /^Email/);
    await page.keyboard.type(`keys-${Date.now()}@example.com`);
    await tabTo(page, /^Full name/);
    await page.keyboard.type('Kay Board');
    // A closed <select> takes type-ahead: the letters pick the country, as they would for a keyboard user.
    await tabTo(page, /^Country/);
    await page.keyboard.type('United States');
    await tabTo(page, /^Card number/);
    await page.keyboard.type('4242424242424242');
    await tabTo(page, /^Expiry/);
    await page.keyboard.type(`12${(new Date().getFullYear() + 2) % 100}`);
    await tabTo(page, /^Security code/);
    await page.keyboard.type('123');
    await tabTo(page, /^Pay /);
    await page.keyboard.press('Enter');

    await shopOutcome(page, 'success');
  });
});

const VIEWPORTS = [
  { name: 'a 360×640 phone', width: 360, height: 640 },
  { name: 'a 768×1024 tablet', width: 768, height: 1024 },
  { name: 'a 1280×800 desktop', width: 1280, height: 800 },
];

describe.each(VIEWPORTS)('on $name', ({ width, height }) => {
  it('scrolls only vertically and every control is at least 44×44 px', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width, height } })).newPage();
    await page.goto(ctx.stack.shopUrl);
    const session = await createTeamSession();
    await page.evaluate((token) => void (window as any).Till.open(token), session.checkout_session_token);
    await page.frameLocator('iframe[title="Checkout"]').getByLabel('Card number').waitFor();
    const frame = frameOf(page);

    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    const controls = await frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex]:not([tabindex="-1"])')]
        .filter((element) => element.getClientRects().length > 0)
        .map((element) => {
          // A radio or checkbox counts by its label, which is what the customer taps.
          const input = element as HTMLInputElement;
          const target = (input.type === 'radio' || input.type === 'checkbox') && input.labels?.[0] ? input.labels[0] : element;
          const { width, height } = target.getBoundingClientRect();
          return { name: target.textContent?.trim() || element.getAttribute('aria-label') || element.tagName, width, height };
        }),
    );
    // Seats −/+, the seat count, plans, the code and its button, the customer and card fields, Pay.
    expect(controls.length).toBeGreaterThanOrEqual(12);
    expect(controls.filter(({ width, height }) => width < 44 || height < 44)).toEqual([]);
    await page.context().close();
  });
});
