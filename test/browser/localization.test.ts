import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkoutFrame, fillPaymentForm, GOOD_CARD } from './support/checkoutFrame';
import { completeWithCard } from './support/completeWithCard';
import { useBrowserStack } from './support/useBrowserStack';

const ctx = useBrowserStack();

const PHONE = { width: 360, height: 640 };

/** Opens a session (the demo plan unless `fields` say otherwise) in the demo shop's modal, with loader options. */
async function openInShop(fields: Record<string, unknown> = {}, options: object = {}) {
  const page = await ctx.openShop();
  const session = await ctx.stack.createSubscriptionSession(fields);
  await page.evaluate(({ token, options }) => void (window as any).Till.open(token, options), {
    token: session.checkout_session_token,
    options,
  });
  return { page, session, frame: checkoutFrame(page) };
}

/** Opens a session top-level at its checkout_url (redirect display) on a 360 × 640 phone. */
async function openOnPhone(fields: Record<string, unknown>) {
  const session = await ctx.stack.createSubscriptionSession(fields);
  const page = await (await ctx.browser.newContext({ viewport: PHONE })).newPage();
  await page.goto(session.checkout_url);
  return page;
}

const planId = async (name: string): Promise<string> => {
  const { body } = await ctx.stack.api('v1/subscription_configs');
  return body.data.find((plan: { name: string }) => plan.name === name).subscription_config_id;
};

/** Elements sticking out of the viewport sideways, and whether the page scrolls sideways at all. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5) && !element.closest('.visually-hidden');
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`);
    return { scrolls: document.documentElement.scrollWidth > width, outside };
  });

const paymentsOf = (checkoutSessionId: string) =>
  ctx.stack.db.query<{ amount: number; currency: string; status: string }>(
    'SELECT amount, currency, status FROM payments WHERE checkout_session_id = $1',
    [checkoutSessionId],
  );

describe('a checkout in German and in Japanese', () => {
  it('completes a German checkout, chosen by the session’s locale, in German words and German amounts', async () => {
    const { frame, session } = await openInShop({ locale: 'de' });
    const payButton = frame.getByRole('button', { name: /^19,00\s\$ bezahlen$/ });
    await payButton.waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('de');
    for (const label of ['E-Mail-Adresse', 'Vollständiger Name', 'Kartennummer', 'Ablaufdatum (MM/JJ)', 'Sicherheitscode']) {
      expect(await frame.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    await expect.poll(() => frame.getByText(/^19,00\s\$ pro Monat$/).count()).toBe(1);

    await fillPaymentForm(frame, GOOD_CARD, { email: `de-${Date.now()}@example.com`, name: 'Erika Mustermann' });
    await payButton.click();
    await frame.getByRole('heading', { name: 'Zahlung erfolgreich' }).waitFor();
    // A German long date ("15. Januar 2031") with the amount in German notation.
    expect(await frame.getByText(/^Die nächste Abbuchung über 19,00\s\$ erfolgt am \d{1,2}\. \p{L}+ \d{4}\.$/u).count()).toBe(1);
    expect(await paymentsOf(session.checkout_session_id)).toEqual([{ amount: 1900, currency: 'USD', status: 'succeeded' }]);
  });

  it('completes a Japanese checkout, chosen by the loader’s option, in yen without a minor unit', async () => {
    const { frame, session } = await openInShop({ subscription_config_id: await planId('Pro (JPY)') }, { locale: 'ja' });
    const payButton = frame.getByRole('button', { name: '￥2,900 を支払う', exact: true });
    await payButton.waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('ja');
    for (const label of ['メールアドレス', '氏名', 'カード番号', '有効期限 (MM/YY)', 'セキュリティコード']) {
      expect(await frame.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    expect(await frame.getByText('￥2,900/月', { exact: true }).count()).toBe(1);

    await fillPaymentForm(frame, GOOD_CARD, { email: `ja-${Date.now()}@example.com`, name: '山田 花子' });
    await payButton.click();
    await frame.getByRole('heading', { name: 'お支払いが完了しました' }).waitFor();
    expect(await frame.getByText(/^次回のお支払いは \d{4}年\d{1,2}月\d{1,2}日 に ￥2,900 です。$/).count()).toBe(1);
    // 2900 yen, not 29.00: the yen has no minor unit, on the screen or in what was charged.
    expect(await paymentsOf(session.checkout_session_id)).toEqual([{ amount: 2900, currency: 'JPY', status: 'succeeded' }]);
  });
});

describe('layout in other scripts and longer words, on a 360 px phone', () => {
  it('lays the pseudo-locale ar-XB out right to left, mirrored, without sideways scrolling', async () => {
    const page = await openOnPhone({ locale: 'ar-XB' });
    await page.getByRole('heading', { name: 'Acme AI' }).waitFor();
    const root = page.locator('html');
    expect(await root.getAttribute('dir')).toBe('rtl');
    expect(await root.getAttribute('lang')).toBe('ar-XB');
    expect(await root.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // Mirrored: the plan's name on the right, its price on the left.
    const name = (await page.locator('.summary__name').boundingBox())!;
    const price = (await page.locator('.summary__price').boundingBox())!;
    expect(price.x + price.width).toBeLessThanOrEqual(name.x);
    // The card number still reads left to right.
    const cardNumber = page.getByLabel('Card number');
    expect(await cardNumber.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await horizontalOverflow(page)).toEqual({ scrolls: false, outside: [] });
  });

  it('holds long German copy, errors and the seats field included, without sideways scrolling', async () => {
    const page = await openOnPhone({
      locale: 'de-DE',
      subscription_config_id: await planId('Team'),
      quantity: 3,
      allow_promotion_codes: true,
    });
    await page.getByLabel('Nutzerlizenzen').waitFor();
    expect(await horizontalOverflow(page)).toEqual({ scrolls: false, outside: [] });

    // Every field's error at once: the longest sentences the form shows.
    await page.getByRole('button', { name: /bezahlen$/ }).click();
    await page.getByText('Geben Sie den drei- oder vierstelligen Sicherheitscode ein.').waitFor();
    await page.getByRole('button', { name: 'Einlösen' }).click();
    await page.getByText('Geben Sie einen Gutscheincode ein.').waitFor();
    expect(await horizontalOverflow(page)).toEqual({ scrolls: false, outside: [] });
  });

  it('breaks a customer’s name wider than the phone in the greeting, rather than widening the page', async () => {
    const longName = 'Zahlungsbestätigungskreditkartennummernprüfungsbeauftragte';
    const connectionId = await completeWithCard(ctx.stack, { email: `lang-${Date.now()}@example.com`, name: longName });
    const { body: plans } = await ctx.stack.api('v1/subscription_configs');
    const { body: session } = await ctx.stack.api('v1/checkout_sessions', {
      checkout_mode: 'credit_bundle',
      origin_url: ctx.stack.shopUrl,
      credit_bundle_id: plans.data[0].credit_bundles[0].credit_bundle_id,
      connection_id: connectionId,
      locale: 'de-DE',
    });
    const page = await (await ctx.browser.newContext({ viewport: PHONE })).newPage();
    await page.goto(session.checkout_url);
    await page.getByText(`Angemeldet als ${longName}`, { exact: false }).waitFor();
    expect(await horizontalOverflow(page)).toEqual({ scrolls: false, outside: [] });
  });
});
