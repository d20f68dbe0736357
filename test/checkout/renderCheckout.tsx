import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { beforeAll, expect, vi } from 'vitest';
import type { CheckoutApi, CheckoutEstimate, CheckoutSession, CompletedCheckout, PlanOption, PromotionSummary } from '../../src/checkout/api/CheckoutApi';
import { CheckoutApiError } from '../../src/checkout/api/CheckoutApiError';
import type { ColorEngine } from '../../src/checkout/appearance/browserColors';
import type { Rgb } from '../../src/checkout/appearance/contrastTextColor';
import { CheckoutApp, type FirstLoad } from '../../src/checkout/CheckoutApp';
import type { CheckoutLink } from '../../src/checkout/frame/CheckoutLink';
import { createRedirectLink } from '../../src/checkout/frame/createRedirectLink';
import { laterParts } from '../../src/checkout/laterParts';
import type { CheckoutAppearance, CheckoutToLoaderMessage } from '../../src/protocol';

// The app fetches these once its form shows, while the customer types; in first, a test's quick clicks meet them
// as a customer's do. A test of the chunk failing mocks it, and this load fails quietly. Registered when a worker first
// imports this module: the later files of a worker shared between files find the chunk loaded already.
beforeAll(() => laterParts.load().then(() => undefined, () => undefined));

export const CHECKOUT_SESSION_ID = 'cs_test_123';
/** Mid-January 2030: "01/30" is still valid, "12/29" has expired. */
export const TODAY = new Date(2030, 0, 15);

/** An estimate of `fields`, in dollars for one seat (the app shows neither: the session's currency and seats are its own). */
export function estimateWith(fields: Pick<CheckoutEstimate, 'due_today'> & Partial<CheckoutEstimate>): CheckoutEstimate {
  return { currency: 'USD', quantity: 1, unit_amount: fields.due_today.subtotal, tax_behavior: 'exclusive', tax_rate: null, next_invoice: null, ...fields };
}

/** An estimate whose total is `total`, with nothing discounted or taxed; `next` is the next invoice, if any. */
export function anEstimate(total: string, next: CheckoutEstimate['next_invoice'] = null): CheckoutEstimate {
  return estimateWith({ due_today: { subtotal: total, discount: '0.00', tax: '0.00', total }, next_invoice: next });
}

/** The Pro plan, monthly, not per seat; `overrides` make it another. */
export function aPlan(overrides: Partial<CheckoutSession['plan']> = {}): CheckoutSession['plan'] {
  return {
    name: 'Pro',
    billing_interval: 'month',
    interval_count: 1,
    included_credit: '100.00',
    subscription_config_id: 'sc_pro',
    price: '19.00',
    seat_based: false,
    tax_behavior: 'exclusive',
    ...overrides,
  };
}

/** A plan to switch to, monthly and not per seat unless `fields` say otherwise. */
export function aPlanOption(fields: Pick<PlanOption, 'subscription_config_id' | 'name' | 'price'> & Partial<PlanOption>): PlanOption {
  return { currency: 'USD', billing_interval: 'month', interval_count: 1, included_credit: '0.00', seat_based: false, ...fields };
}

/** A promotion that applies, of nothing off until `fields` say what; the app words it itself, never with `description`. */
export function aPromotion(fields: Partial<PromotionSummary> = {}): PromotionSummary {
  return {
    code: 'CODE',
    description: 'The server’s English, which the app does not show',
    percent_off: null,
    amount_off: null,
    duration: 'once',
    duration_in_intervals: null,
    applies: true,
    ...fields,
  };
}

/**
 * A new customer buying the Pro subscription: the server asks for email and name. Without an `estimate`
 * override, the estimate charges `amount_due` and nothing more.
 */
export function aSession(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    checkout_session_id: CHECKOUT_SESSION_ID,
    checkout_mode: 'subscription',
    status: 'open',
    merchant_name: 'Acme AI',
    merchant_logo_url: null,
    customer: null,
    collects_identity: true,
    prefill: null,
    lock_email: false,
    // Known, as if the merchant had passed it: the country's own tests start without one.
    country: 'US',
    plan: aPlan(),
    bundle: null,
    custom_amount: null,
    start_date: null,
    end_date: null,
    amount_due: '19.00',
    currency: 'USD',
    connection_id: null,
    success_url: 'https://shop.example/thanks?plan=pro',
    cancel_url: 'https://shop.example/pricing',
    pending_url: null,
    quantity: 1,
    seat_limits: null,
    plan_options: [],
    allows_promotion_codes: false,
    promotion: null,
    saved_card: null,
    credit_balance: null,
    credit_balance_after: null,
    locale: null,
    processor: { name: 'test' },
    last_decline_code: null,
    ...overrides,
    estimate: overrides.estimate ?? anEstimate(overrides.amount_due ?? '19.00'),
  };
}

export const returningCustomer: Partial<CheckoutSession> = {
  customer: { name: 'Jane Doe', email: 'j•••@example.com' },
  collects_identity: false,
  connection_id: 'conn_1',
};

export const aCompletedCheckout: CompletedCheckout = {
  checkout_session_id: CHECKOUT_SESSION_ID,
  checkout_mode: 'subscription',
  connection_id: 'conn_1',
  status: 'completed',
  completed_at: '2030-01-15T10:00:00Z',
  subscription_id: 'sub_1',
  credits_added: '100.00',
};

export function apiError(
  status: number,
  code: string,
  message = `error ${code}`,
  param: string | null = null,
  declineCode: string | null = null,
) {
  return new CheckoutApiError(status, code, message, param, declineCode);
}

/** Renders `session` and waits for the open checkout. */
export async function renderOpenCheckout(session: CheckoutSession, options?: RenderOptions) {
  const rendered = renderCheckout(session, options);
  await screen.findByRole('heading', { name: 'Acme AI' });
  return rendered;
}

/** The amount next to a line of the price breakdown, found by the line's label. */
export function breakdownAmount(label: string | RegExp) {
  const region = screen.getByRole('region', { name: 'Price details' });
  const term = within(region).getByText(label);
  return term.nextElementSibling?.textContent;
}

/** A promise the test settles when it wants, to look at the app while a request is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Colours the fake CSS engine knows, with the sRGB a browser would paint them as. */
export const KNOWN_COLORS: Record<string, Rgb> = {
  '#3b5bdb': [59, 91, 219],
  '#ffd43b': [255, 212, 59],
  rebeccapurple: [102, 51, 153],
  '#ffffff': [255, 255, 255],
  '#000000': [0, 0, 0],
};

/** happy-dom's CSS.supports accepts anything and it has no canvas, so tests judge colours with this table. */
export function createFakeColors() {
  return {
    supports: (value: string) => Object.hasOwn(KNOWN_COLORS, value) || value.startsWith('color-mix('),
    toRgb: vi.fn((value: string) => KNOWN_COLORS[value] ?? null),
  };
}

export interface RenderOptions {
  /** `framed` (default) records what is sent to the loader; `redirect` records where the page navigates. */
  mode?: CheckoutLink['mode'];
  /** Framed in the loader's modal dialog rather than inline. */
  modal?: boolean;
  appearance?: CheckoutAppearance;
  colors?: ColorEngine;
  /** `navigator.languages`; American English unless told. */
  browserLocales?: readonly string[];
  /** The first load, made before the app renders, as main.tsx makes it in a frame. */
  first?: FirstLoad;
}

/** The payment method id the fake processor answers every card with. */
export const A_PAYMENT_METHOD = 'pm_0123456789abcdef01234567';

/**
 * Renders the app with a fake API (the given session, a successful payment) and, framed, a loader that records
 * messages or, in redirect display, a fake `location` whose `assign` calls are recorded.
 */
export function renderCheckout(
  session: CheckoutSession | (() => Promise<CheckoutSession>) = aSession(),
  { mode = 'framed', modal, appearance, colors = createFakeColors(), browserLocales = ['en-US'], first }: RenderOptions = {},
) {
  const api = {
    getSession: vi.fn<CheckoutApi['getSession']>(typeof session === 'function' ? session : async () => session),
    createPaymentMethod: vi.fn<CheckoutApi['createPaymentMethod']>(async (card) => ({
      id: A_PAYMENT_METHOD,
      card: { brand: 'visa', last4: card.number.slice(-4), exp_month: card.exp_month, exp_year: card.exp_year },
    })),
    complete: vi.fn<CheckoutApi['complete']>(async () => aCompletedCheckout),
    update: vi.fn<CheckoutApi['update']>(async () => (typeof session === 'function' ? session() : session)),
  };
  const sent: CheckoutToLoaderMessage[] = [];
  const location = { assign: vi.fn<(url: string) => void>() };
  const link: CheckoutLink =
    mode === 'framed' ? { mode, modal, send: (message) => void sent.push(message) } : createRedirectLink(location);
  const result = render(
    <CheckoutApp
      api={api}
      link={link}
      checkoutSessionId={CHECKOUT_SESSION_ID}
      appearance={appearance}
      colors={colors}
      browserLocales={browserLocales}
      today={() => TODAY}
      first={first}
    />,
  );
  const sentOfType = <T extends CheckoutToLoaderMessage['type']>(type: T) =>
    sent.filter((m): m is Extract<CheckoutToLoaderMessage, { type: T }> => m.type === type);
  /** The steps sent so far, in order. */
  const steps = () => sentOfType('step').map((m) => m.step);
  return { ...result, api, sent, sentOfType, steps, location };
}

const validCard = { 'Card number': '4242 4242 4242 4242', 'Expiry (MM/YY)': '12/34', 'Security code': '123' };
const validIdentity = { Email: 'jane@example.com', 'Full name': 'Jane Doe' };

/** Types into fields found by their visible label. */
export function fillFields(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.input(screen.getByLabelText(label), { target: { value } });
  }
}

/** Fills every field the form shows with valid values, then applies `overrides`. */
export function fillValidForm(overrides: Record<string, string> = {}) {
  const identity = screen.queryByLabelText('Email') ? validIdentity : {};
  fillFields({ ...identity, ...validCard, ...overrides });
}

/** The country field, once it has named its countries, which it does after the form is on the page (CountryField.tsx). */
export async function countrySelect(label = 'Country'): Promise<HTMLSelectElement> {
  const select = (await screen.findByRole('combobox', { name: label })) as HTMLSelectElement;
  await waitFor(() => expect(select.options.length).toBeGreaterThan(1));
  return select;
}

/** What a screen reader reads after the field's label: the texts of its aria-describedby elements, in order. */
export function fieldDescription(label: string) {
  const ids = screen.getByLabelText(label).getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

export function payButton() {
  return screen.getByRole('button', { name: /^Pay |Processing/ });
}
