import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiErrorCode } from '../../src/protocol/api/apiErrors';
import type { ApiRoute } from '../../src/protocol/api/ApiRoute';
import { checkoutRoutes } from '../../src/protocol/api/checkoutRoutes';
import { checkResponse } from './support/contract';
import {
  AUTHENTICATE_ALWAYS,
  DECLINED_VISA,
  expectApiError,
  newCustomer,
  newCustomerPayment,
  PROCESSING,
  secretOf,
  useTestServer,
  validCard,
  type ApiResponse,
} from './support/testServer';

/**
 * Issue 11: the checkout app's API answers in the shape its schemas in src/protocol say, which is the shape the app
 * is typed with. `TestServer.api()` judges every answer of every test by its route's schema (see
 * `checkResponse`); this file makes sure the answers judged include every state a checkout can be in and
 * every error each route lists, and that the judging itself fails what it must.
 */
const till = useTestServer();

type OperationId = keyof typeof checkoutRoutes;

/** The codes each route answered in this file, to show that a route lists no error it cannot answer. */
const answered = new Map<OperationId, Set<string>>(Object.keys(checkoutRoutes).map((id) => [id as OperationId, new Set()]));

function record(operation: OperationId, response: ApiResponse) {
  answered.get(operation)!.add(response.status < 400 ? String(response.status) : response.body.error.code);
  return response;
}

const view = async (secret: string) => record('getCheckout', await till.getSessionView(secret));
const update = async (secret: string, body: unknown) => record('updateCheckout', await till.updateSession(secret, body));
const pay = async (secret: string, body?: unknown, headers?: Record<string, string>) => record('completeCheckout', await till.complete(secret, body, headers));

/** A new session's secret; `overrides` go into `POST /v1/checkout_sessions`. */
const open = async (overrides: Record<string, unknown> = {}) => secretOf(await till.createSession(overrides));

function expectOk(response: ApiResponse) {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe('every state of a checkout answers in its route’s schema', () => {
  it('a new customer’s checkout, from open to paid', async () => {
    const secret = await open({ customer: { email: 'prefill@example.com', name: 'Pre Fill' }, locale: 'de-DE' });
    expect(expectOk(await view(secret))).toMatchObject({ status: 'open', customer: null, prefill: { email: 'prefill@example.com' }, locale: 'de-DE' });
    expect(expectOk(await update(secret, { country: 'de' })).estimate.tax_rate).toMatchObject({ country: 'DE', percentage: 19 });
    expect(expectOk(await pay(secret, newCustomerPayment({ customer: undefined })))).toMatchObject({ status: 'completed', subscription_id: expect.any(String) });
    expect(expectOk(await view(secret))).toMatchObject({ status: 'completed' });
  });

  it('a locked email', async () => {
    const secret = await open({ customer: { email: 'locked@example.com', name: 'Locked', lock_email: true } });
    expect(expectOk(await view(secret))).toMatchObject({ lock_email: true, collects_identity: true });
  });

  it('a returning customer’s credit bundle, with the saved card and the balance before and after', async () => {
    const { connectionId } = await till.subscribe(newCustomer());
    const secret = secretOf(await till.createBundleSession(connectionId, (await till.catalog()).powerBundle.id));
    expect(expectOk(await view(secret))).toMatchObject({
      checkout_mode: 'credit_bundle',
      customer: { email: expect.stringContaining('•••') },
      saved_card: { brand: 'visa', last4: '4242' },
      credit_balance: '10.00',
      credit_balance_after: '35.00',
      estimate: { next_invoice: null },
    });
    expect(expectOk(await pay(secret, { use_saved_card: true }))).toMatchObject({ subscription_id: null, credits_added: '25.00' });
    expect(expectOk(await view(secret))).toMatchObject({ status: 'completed', credit_balance: '35.00', credit_balance_after: '35.00' });
  });

  it('a per-seat plan among plan options, its seats changed and its plan switched', async () => {
    const { team, pro } = await till.plans();
    const secret = await open({ subscription_config_id: team, subscription_config_ids: [team, pro], quantity: 3 });
    expect(expectOk(await view(secret))).toMatchObject({ seat_limits: { min_quantity: 2 }, plan_options: [{ seat_based: true }, { seat_based: false }] });
    expect(expectOk(await update(secret, { quantity: 5 }))).toMatchObject({ quantity: 5, estimate: { quantity: 5 } });
    expect(expectOk(await update(secret, { subscription_config_id: pro }))).toMatchObject({ quantity: 1, seat_limits: null });
  });

  it('promotions: a percentage once, an amount for ever, a repeating one, and one that no longer applies', async () => {
    const { team, pro } = await till.plans();
    const secret = await open({ allow_promotion_codes: true, promotion_code: 'WELCOME20' });
    expect(expectOk(await view(secret)).promotion).toMatchObject({ percent_off: 20, amount_off: null, duration: 'once', applies: true });
    expect(expectOk(await update(secret, { promotion_code: 'fiveoff' })).promotion).toMatchObject({ amount_off: '5.00', duration: 'forever' });

    const created = await till.api('POST', '/v1/promotion_codes', { body: { code: 'THRICE', percent_off: 10, duration: 'repeating', duration_in_intervals: 3 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(expectOk(await update(secret, { promotion_code: 'THRICE' })).promotion).toMatchObject({ duration: 'repeating', duration_in_intervals: 3 });
    expect(expectOk(await update(secret, { promotion_code: null })).promotion).toBeNull();

    const switched = await open({ subscription_config_id: team, subscription_config_ids: [team, pro], promotion_code: 'TEAM10' });
    expect(expectOk(await update(switched, { subscription_config_id: pro })).promotion).toMatchObject({ code: 'TEAM10', applies: false });
  });

  it('a later start, a fixed term, and a custom first payment', async () => {
    const day = 86_400_000;
    const later = await open({ start_date: new Date(Date.now() + 30 * day).toISOString(), end_date: new Date(Date.now() + 400 * day).toISOString() });
    expect(expectOk(await view(later))).toMatchObject({ start_date: expect.any(String), end_date: expect.any(String), amount_due: '0.00' });
    const custom = await open({ custom_amount: '29.90', tax_behavior: 'inclusive', customer: { country: 'DE' } });
    expect(expectOk(await view(custom))).toMatchObject({ custom_amount: '29.90', estimate: { tax_behavior: 'inclusive' } });
  });

  it('an expired checkout, shown but not changed or paid', async () => {
    const session = await till.createSession();
    await till.expireSession(session.checkout_session_id);
    expect(expectOk(await view(secretOf(session)))).toMatchObject({ status: 'expired' });
    expectApiError(await update(secretOf(session), { country: 'DE' }), 'session_expired');
    expectApiError(await pay(secretOf(session)), 'session_expired');
  });

  it('a declined card, and the same answer again to a retry with its key', async () => {
    const secret = await open();
    const key = { 'Idempotency-Key': `declined-${Date.now()}` };
    const declined = await pay(secret, newCustomerPayment({ card: validCard(DECLINED_VISA) }), key);
    expectApiError(declined, 'card_declined', 'payment_method');
    expect(declined.body.error.decline_code).toBe('card_declined');
    expect((await pay(secret, newCustomerPayment({ card: validCard(DECLINED_VISA) }), key)).body.error).toMatchObject({ code: 'card_declined' });
  });

  it('a card that asks for 3-D Secure: waiting for the bank, then paid once the customer confirms', async () => {
    const secret = await open();
    const key = { 'Idempotency-Key': `3ds-${Date.now()}` };
    const body = { customer: newCustomer(), payment_method: expectOk(await till.createPaymentMethod(validCard(AUTHENTICATE_ALWAYS))).id };
    const waiting = expectOk(await pay(secret, body, key));
    expect(waiting).toMatchObject({ status: 'requires_action', next_action: { type: 'challenge_page', url: expect.stringMatching(/^\/test-processor\/authenticate\/pi_test_/) } });
    expect(expectOk(await pay(secret, body, key))).toStrictEqual(waiting);
    await till.answerChallenge(waiting.next_action.url, 'complete');
    expect(expectOk(await pay(secret, body, key))).toMatchObject({ status: 'completed' });
  });

  it('a payment that settles later: processing, and no second payment while it does', async () => {
    const secret = await open();
    const body = { customer: newCustomer(), payment_method: expectOk(await till.createPaymentMethod(validCard(PROCESSING))).id };
    expect(expectOk(await pay(secret, body, { 'Idempotency-Key': `slow-${Date.now()}` }))).toMatchObject({ status: 'processing' });
    expectApiError(await pay(secret, newCustomerPayment(), { 'Idempotency-Key': `other-${Date.now()}` }), 'payment_in_progress');
    expectApiError(await update(secret, { country: 'DE' }), 'payment_in_progress');
    expect(expectOk(await view(secret))).toMatchObject({ status: 'processing' });
  });

  it('a completed checkout, and the same answer again to a retry with its key', async () => {
    const secret = await open();
    const key = { 'Idempotency-Key': `paid-${Date.now()}` };
    const body = newCustomerPayment();
    const paid = expectOk(await pay(secret, body, key));
    expect(expectOk(await pay(secret, body, key))).toStrictEqual(paid);
  });
});

describe('every error a checkout route lists is one it answers', () => {
  it('refuses a missing or unknown secret on every route', async () => {
    expectApiError(record('getCheckout', await till.api('GET', '/api/checkout/session', { key: null })), 'invalid_session_secret');
    expectApiError(await update('css_test_unknown', { quantity: 1 }), 'invalid_session_secret');
    expectApiError(await pay('css_test_unknown'), 'invalid_session_secret');
  });

  it('refuses bodies that are not JSON or not the schema', async () => {
    const secret = await open();
    expectApiError(await update(secret, '{"quantity":'), 'invalid_json');
    expectApiError(await update(secret, { quantity: 0 }), 'validation_error', 'quantity');
    expectApiError(await pay(secret, '[1,'), 'invalid_json');
    expectApiError(await pay(secret, { card: { ...validCard(), cvc: '1' } }), 'validation_error', 'card.cvc');
  });

  it('refuses a NUL in the query string of a route that reads no input', async () => {
    expectApiError(record('getCheckout', await till.api('GET', `/api/checkout/session?x=%00`, { key: await open() })), 'validation_error', 'x');
  });

  it('refuses promotion codes the checkout does not take, or that cannot be used', async () => {
    expectApiError(await update(await open(), { promotion_code: 'WELCOME20' }), 'promotion_codes_not_allowed', 'promotion_code');
    const secret = await open({ allow_promotion_codes: true });
    expectApiError(await update(secret, { promotion_code: 'NO-SUCH-CODE' }), 'promotion_code_not_found', 'promotion_code');
    expectApiError(await update(secret, { promotion_code: 'SPRING2020' }), 'promotion_code_expired', 'promotion_code');
    expectApiError(await update(secret, { promotion_code: 'TEAM10' }), 'promotion_code_not_applicable', 'promotion_code');
    const usedUp = await till.insertPromotionCode({ max_redemptions: 1, times_redeemed: 1 });
    expectApiError(await update(secret, { promotion_code: usedUp }), 'promotion_code_exhausted', 'promotion_code');
  });

  it('refuses to pay with a code that expired or ran out since it was applied', async () => {
    const expiring = await till.insertPromotionCode({ expires_at: new Date(Date.now() + 60_000) });
    const expired = await open({ promotion_code: expiring });
    await till.db.query("UPDATE promotion_codes SET expires_at = now() - interval '1 second' WHERE code = $1", [expiring]);
    expectApiError(await pay(expired), 'promotion_code_expired', 'promotion_code');

    const lastOne = await till.insertPromotionCode({ max_redemptions: 1 });
    const [first, second] = [await open({ promotion_code: lastOne }), await open({ promotion_code: lastOne })];
    expectOk(await pay(first));
    expectApiError(await pay(second), 'promotion_code_exhausted', 'promotion_code');
  });

  it('refuses to pay a total the customer was not shown, and pays the one shown', async () => {
    const secret = await open();
    const shown = expectOk(await view(secret)).amount_due;
    expectApiError(await pay(secret, { ...newCustomerPayment(), expected_total: '0.01' }), 'total_changed', 'expected_total');
    // More decimals than the currency has is no amount of it, not another total.
    expectApiError(await pay(secret, { ...newCustomerPayment(), expected_total: `${shown}0` }), 'validation_error', 'expected_total');
    expectOk(await pay(secret, { ...newCustomerPayment(), expected_total: shown }));
  });

  it('refuses a completed checkout on the routes that change it', async () => {
    const secret = await open();
    expectOk(await pay(secret));
    expectApiError(await update(secret, { country: 'DE' }), 'session_completed');
    expectApiError(await pay(secret), 'session_completed');
  });

  it('refuses a plan the customer already has, switched to or paid for', async () => {
    const { pro, proYearly } = await till.plans();
    const { connectionId } = await till.subscribeTo(proYearly);
    const switching = await open({ connection_id: connectionId, subscription_config_id: pro, subscription_config_ids: [pro, proYearly] });
    expectApiError(await update(switching, { subscription_config_id: proYearly }), 'already_subscribed', 'subscription_config_id');
    const [first, second] = [await open({ connection_id: connectionId }), await open({ connection_id: connectionId })];
    expectOk(await pay(first, { card: validCard() }));
    expectApiError(await pay(second, { card: validCard() }), 'already_subscribed');
  });

  it('refuses a bundle once its subscription has ended', async () => {
    const { connectionId } = await till.subscribe();
    const secret = secretOf(await till.createBundleSession(connectionId));
    await till.db.query("UPDATE subscriptions SET status = 'canceled' WHERE connection_id = $1", [connectionId]);
    expectApiError(await pay(secret, { card: validCard() }), 'subscription_required');
  });

  it('refuses another email than the one the merchant locked', async () => {
    const secret = await open({ customer: { email: 'mine@example.com', name: 'Mine', lock_email: true } });
    expectApiError(await pay(secret, newCustomerPayment({ customer: newCustomer('yours@example.com') })), 'email_locked', 'customer.email');
  });

  it('answers a path under /api/checkout that is no route with route_not_found', async () => {
    expectApiError(await till.api('DELETE', '/api/checkout/session', { key: await open() }), 'route_not_found');
    expectApiError(await till.api('GET', '/api/checkout/sessions', { key: await open() }), 'route_not_found');
  });

  // Last of the file's answers: every route has by now answered its success and each of its own errors.
  it('lists no error for a route that the cases above did not make it answer', () => {
    for (const [operation, route] of Object.entries(checkoutRoutes)) {
      expect([...answered.get(operation as OperationId)!], operation).toEqual(expect.arrayContaining([String(route.response.status), ...route.errors]));
    }
  });
});

describe('the contract check', () => {
  const getView = async () => expectOk(await till.getSessionView(await open())) as Record<string, unknown>;
  const check = (status: number, body: unknown, method = 'GET', path = '/api/checkout/session') => () => checkResponse(method, path, status, body);
  const error = (code: ApiErrorCode) => ({
    error: { type: 'invalid_request_error', code, message: 'x', param: null, request_id: 'req_1' },
  });

  it('passes a real answer', async () => {
    expect(check(200, await getView())).not.toThrow();
  });

  it('fails an answer with a field its schema does not know', async () => {
    expect(check(200, { ...(await getView()), surprise: true })).toThrow(/Unrecognized key: "surprise"/);
  });

  it('fails an answer without a field its schema has, or with one of another type', async () => {
    const { currency, ...withoutCurrency } = await getView();
    expect(check(200, withoutCurrency)).toThrow(/currency/);
    expect(check(200, { ...(await getView()), quantity: String(currency) })).toThrow(/quantity/);
  });

  it('fails an error with a code its route does not list, or with another status than its code’s', () => {
    expect(check(409, error('price_in_use'))).toThrow(/is not among the route's errors/);
    expect(check(409, error('promotion_code_expired'), 'PATCH')).toThrow(/'promotion_code_expired' carries 400, not 409/);
    expect(check(400, error('promotion_code_expired'), 'PATCH')).not.toThrow();
  });

  it('fails an error that is not the envelope', () => {
    expect(check(404, { message: 'Not found' })).toThrow(/not the error envelope/);
  });
});

describe('the checkout routes', () => {
  it('say what every field of every body and answer is', () => {
    const undescribed: string[] = [];
    for (const [operation, route] of Object.entries<ApiRoute>(checkoutRoutes)) {
      const schemas = { body: [route.body, 'input'], response: [route.response.body, 'output'] } as const;
      for (const [part, [schema, io]] of Object.entries(schemas)) {
        if (!schema) continue;
        const document = z.toJSONSchema(schema, { io }) as JsonSchema;
        undescribed.push(...undescribedFields(document, document, `${operation} ${part}`));
      }
    }
    expect(undescribed).toStrictEqual([]);
  });
});

interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/** The paths of object properties, below `node`, that carry no description of their own nor through their `$ref`. */
function undescribedFields(node: JsonSchema, document: JsonSchema, at: string): string[] {
  const target = (schema: JsonSchema) => (schema.$ref ? document.$defs![schema.$ref.replace('#/$defs/', '')]! : schema);
  const resolved = target(node);
  const found: string[] = [];
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    if (!property.description && !target(property).description) found.push(`${at}.${name}`);
    found.push(...undescribedFields(property, document, `${at}.${name}`));
  }
  if (resolved.items) found.push(...undescribedFields(resolved.items, document, `${at}[]`));
  for (const option of resolved.anyOf ?? []) found.push(...undescribedFields(option, document, at));
  return found;
}
