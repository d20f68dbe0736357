import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axeViolations';
import { checkoutFrame, DECLINED_CARD, GOOD_CARD, pay, shopOutcome } from './support/checkoutFrame';
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

/** A Team checkout in the demo shop's modal, on a page of `width` × `height`; resolves once the card fields show. */
async function openTeamCheckout(width: number, height: number) {
  const page = await (await ctx.browser.newContext({ viewport: { width, height } })).newPage();
  await page.goto(ctx.stack.shopUrl);
  const session = await createTeamSession();
  await page.evaluate((token) => void (window as any).Till.open(token), session.checkout_session_token);
  await page.frameLocator('iframe[title="Checkout"]').getByLabel('Card number').waitFor();
  return { page, frame: frameOf(page) };
}

const SCROLL_POSITIONS = ['top', 'middle', 'bottom', 'total due at the top'] as const;
type ScrollPosition = (typeof SCROLL_POSITIONS)[number];

/**
 * Scrolls the checkout to `position` and names the text the close button covers there: every element showing
 * text of its own (or a form control's), cut to the part its clipping ancestors (a scroll container) let show,
 * whose box meets the button's. `room` is how far the checkout scrolls, so a scrolled case is a real one.
 */
const textUnderCloseButton = (frame: Frame, position: ScrollPosition) =>
  frame.evaluate((position) => {
    const root = document.scrollingElement!;
    // Whichever element the layout makes scroll: the root, or a scroll container inside it.
    const scroller =
      [root, ...document.querySelectorAll('body, body *')].find(
        (element) => element.scrollHeight > element.clientHeight && (element === root || /auto|scroll/.test(getComputedStyle(element).overflowY)),
      ) ?? root;
    const room = scroller.scrollHeight - scroller.clientHeight;
    const total = document.querySelector('.breakdown__line--total dd')!;
    const scrollportTop = scroller === root ? 0 : scroller.getBoundingClientRect().top + scroller.clientTop;
    const scrollTop = {
      top: 0,
      middle: room / 2,
      bottom: room,
      'total due at the top': scroller.scrollTop + total.getBoundingClientRect().top - scrollportTop,
    };
    scroller.scrollTop = scrollTop[position];

    /** The part of `element` on screen: its box within the viewport and every ancestor that clips. */
    const shownBox = (element: Element) => {
      let { left, top, right, bottom } = element.getBoundingClientRect();
      right = Math.min(right, root.clientWidth);
      bottom = Math.min(bottom, root.clientHeight);
      for (let clip = element.parentElement; clip; clip = clip.parentElement) {
        const style = getComputedStyle(clip);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = clip.getBoundingClientRect();
        left = Math.max(left, box.left + clip.clientLeft);
        top = Math.max(top, box.top + clip.clientTop);
        right = Math.min(right, box.left + clip.clientLeft + clip.clientWidth);
        bottom = Math.min(bottom, box.top + clip.clientTop + clip.clientHeight);
      }
      return { left: Math.max(left, 0), top: Math.max(top, 0), right, bottom };
    };
    const button = document.querySelector('.close-button')!.getBoundingClientRect();
    const showsText = (element: Element) =>
      element.matches('input:not([type="hidden"]), select, textarea') ||
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
    const covered = [...document.querySelectorAll('body *')]
      .filter((element) => !element.closest('.close-button') && showsText(element) && element.getClientRects().length > 0)
      // Hidden ones are not under anything: `visibility`, or the `clip` of text kept for screen readers only.
      .filter((element) => getComputedStyle(element).visibility === 'visible' && getComputedStyle(element).clip === 'auto')
      .filter((element) => {
        const { left, top, right, bottom } = shownBox(element);
        const shown = left < right && top < bottom;
        return shown && left < button.right && right > button.left && top < button.bottom && bottom > button.top;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent!.trim().slice(0, 40)}`);
    const totalShown = shownBox(total);
    return { room, covered, totalShown: totalShown.bottom > totalShown.top };
  }, position);

describe.each(VIEWPORTS)('on $name', ({ width, height }) => {
  it('scrolls only vertically and every control is at least 44×44 px', async () => {
    const { page, frame } = await openTeamCheckout(width, height);

    // The root, and the body, which scrolls in its place below the modal's close button.
    const overflow = await frame.evaluate(() =>
      Math.max(...[document.documentElement, document.body].map((element) => element.scrollWidth - element.clientWidth)),
    );
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

  it('leaves no text under the close button, scrolled or not', async () => {
    const { page, frame } = await openTeamCheckout(width, height);
    const found: Record<string, string[]> = {};
    for (const position of SCROLL_POSITIONS) {
      const { room, covered, totalShown } = await textUnderCloseButton(frame, position);
      // The checkout must scroll at this size, and the total be on screen where it is scrolled to the top.
      expect(room).toBeGreaterThan(100);
      if (position === 'total due at the top') expect(totalShown).toBe(true);
      found[position] = covered;
    }
    expect(found).toEqual(Object.fromEntries(SCROLL_POSITIONS.map((position) => [position, []])));
    await page.context().close();
  });
});

describe('while the session is on its way', () => {
  it('shows the loading skeleton only once loading has taken 300 ms, so a checkout that opens sooner never flashes it', async () => {
    const page = await (await ctx.browser.newContext()).newPage();
    await page.goto(ctx.stack.shopUrl);
    // The session's answer never comes, so the frame stays in its loading state.
    await page.context().route('**/api/checkout/session', () => undefined);
    const session = await createTeamSession();
    await page.evaluate((token) => void (window as any).Till.open(token), session.checkout_session_token);
    const loading = page.frameLocator('iframe[title="Checkout"]').locator('[aria-busy="true"]');
    await loading.waitFor();

    // A copy added now starts its own 300 ms, read at set points of its animation's time rather than at whatever
    // moments this machine reaches them.
    const displays = await loading.evaluate((card) => {
      const copy = card.cloneNode(true) as HTMLElement;
      card.after(copy);
      const [delay] = copy.getAnimations();
      delay!.pause();
      const displayAt = (ms: number) => ((delay!.currentTime = ms), getComputedStyle(copy).display);
      const seen = [displayAt(0), displayAt(299), displayAt(301)];
      copy.remove();
      return { seen, shown: getComputedStyle(card).display };
    });
    expect(displays.seen).toEqual(['none', 'none', displays.shown]);
    expect(displays.shown).not.toBe('none');
    await page.context().close();
  });
});

describe('while a payment is on its way', () => {
  it('locks the order’s parts (plan, seats, code) and the country, which reprice it, until the payment has its answer', async () => {
    const { page, frame } = await openTeamCheckout(480, 900);
    const lockable = () =>
      frame.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>('.order input, .order button, select[autocomplete="country"]')].map((control) => control.matches(':disabled')),
      );
    const before = await lockable();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.context().route((url) => url.pathname === '/api/checkout/complete', async (route) => {
      await answered;
      await route.continue();
    });

    await pay(checkoutFrame(page), DECLINED_CARD, { email: `locked-${Date.now()}@example.com`, name: 'Lock Smith' });
    await checkoutFrame(page).getByRole('button', { name: /Processing/ }).waitFor();
    // Radios, seats' −, count and +, the code and Apply, the country.
    expect(before.length).toBeGreaterThanOrEqual(7);
    expect(await lockable()).toStrictEqual(before.map(() => true));
    expect(await axeViolations(frame)).toEqual([]);

    answer();
    await checkoutFrame(page).getByRole('alert').filter({ hasText: /declined/i }).waitFor();
    expect(await lockable()).toStrictEqual(before);
    await page.context().close();
  });

  it('gives the country, unlocked, the focus when the payment is refused for it', async () => {
    const { page, frame } = await openTeamCheckout(480, 900);
    // The country's own update never reaches the server, so Pay sends a country (taxed, in the demo's catalog, where
    // the first one is not) whose tax the total does not hold.
    await page.context().route((url) => url.pathname === '/api/checkout/session', (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await pay(checkoutFrame(page), GOOD_CARD, { email: `refused-${Date.now()}@example.com`, name: 'Country Refused', country: 'DE' });
    await checkoutFrame(page).getByText(/The tax for this country changes the total/).waitFor();
    expect(await frame.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.autocomplete)).toBe('country');
    expect(await frame.evaluate(() => document.querySelector<HTMLSelectElement>('select[autocomplete="country"]')!.disabled)).toBe(false);
    await page.context().close();
  });
});
