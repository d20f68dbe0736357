import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A fake of the few Stripe API endpoints the `stripe` processor calls, on 127.0.0.1, so the tests run the real
 * `stripe` package and nothing reaches Stripe. Its objects and errors are shaped after Stripe's API reference
 * (PaymentIntent, PaymentMethod, Customer, Refund, the error object); it honours `Idempotency-Key` as Stripe does
 * (a repeat replays the first answer, a repeat with other parameters is an `idempotency_error`) and Stripe's test
 * payment methods (`pm_card_visa`, `pm_card_chargeDeclined`, `pm_card_authenticationRequired`, …).
 *
 * Where it is simpler than Stripe: a test payment method id is used as itself (Stripe makes a new `pm_…` each
 * time), there are no Charges, and the 3-D Secure challenge is `authenticate(id, passed)`, called by the test, or
 * its stand-in route for the browser tests' fake Stripe.js.
 *
 * What Stripe.js asks with the publishable key (`key` in the form or query, as Stripe.js sends it) is answered too:
 * a card's PaymentMethod from its number (Stripe's test numbers), a PaymentIntent by its client secret, and
 * `POST /v1/payment_intents/:id/test_challenge` (`result=complete|fail`), which stands in for the bank's page.
 * A card number is never kept: only what Stripe shows of a card.
 */

type Json = Record<string, unknown>;

/** What each of Stripe's test payment methods does (docs.stripe.com/testing). */
type Behaviour = 'succeeds' | 'declined' | 'insufficient_funds' | 'expired_card' | 'authenticate_always' | 'authenticate_on_setup';

const TEST_METHODS: Record<string, { brand: string; last4: string; behaviour: Behaviour }> = {
  pm_card_visa: { brand: 'visa', last4: '4242', behaviour: 'succeeds' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', behaviour: 'succeeds' },
  pm_card_amex: { brand: 'amex', last4: '8431', behaviour: 'succeeds' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', behaviour: 'declined' },
  pm_card_chargeDeclinedInsufficientFunds: { brand: 'visa', last4: '9995', behaviour: 'insufficient_funds' },
  pm_card_chargeDeclinedExpiredCard: { brand: 'visa', last4: '0069', behaviour: 'expired_card' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', behaviour: 'authenticate_always' },
  pm_card_authenticationRequiredOnSetup: { brand: 'visa', last4: '3155', behaviour: 'authenticate_on_setup' },
};

const TOKENS: Record<string, keyof typeof TEST_METHODS> = { tok_visa: 'pm_card_visa', tok_chargeDeclined: 'pm_card_chargeDeclined' };

/** Stripe's test card numbers (docs.stripe.com/testing), as the Payment Element sends them. */
const CARD_NUMBERS: Record<string, keyof typeof TEST_METHODS> = {
  '4242424242424242': 'pm_card_visa',
  '5555555555554444': 'pm_card_mastercard',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000000000000069': 'pm_card_chargeDeclinedExpiredCard',
  '4000002760003184': 'pm_card_authenticationRequired',
  '4000002500003155': 'pm_card_authenticationRequiredOnSetup',
};

interface Method { json: Json; behaviour: Behaviour; setUpForOffSession: boolean }
interface Intent { json: Json; method: Method; amountRefunded: number }

class StripeApiError extends Error {
  constructor(readonly status: number, readonly body: Json) {
    super(String(body.message));
  }
}

/** A few of Stripe's smallest charges, in minor units; 50 for the rest of the currencies the tests use. */
const MINIMUM_CHARGE: Record<string, number> = { gbp: 30, jpy: 50, hkd: 400, mxn: 1000 };

const invalid = (message: string, extra: Json = {}) => new StripeApiError(400, { type: 'invalid_request_error', message, ...extra });
const missing = (kind: string, id: string) =>
  new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param: 'id' });
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`expand[0]=payment_method`, `metadata[a]=b`) as flat keys; lists by their base name. */
function readForm(text: string): { fields: Record<string, string>; lists: Record<string, string[]> } {
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const list = /^(\w+)\[\d*\]$/.exec(key);
    if (list) (lists[list[1]!] ??= []).push(value);
    else fields[key] = value;
  }
  return { fields, lists };
}

export interface FakeStripe {
  /** For `createStripeProcessor`'s `api` option. */
  api: { host: string; port: number; protocol: 'http' };
  /** The account's secret key now: `rollSecretKey` replaces it, and the old one is refused from then on. */
  readonly secretKey: string;
  /** As the dashboard's "Roll key" with immediate expiry: answers the new secret key. */
  rollSecretKey(): string;
  /** For Stripe.js: the requests it makes carry it as `key`. */
  publishableKey: string;
  /** Every request as received: method, path, and its Idempotency-Key. */
  requests: { method: string; path: string; idempotencyKey: string | undefined }[];
  /** The customer's answer to the bank's 3-D Secure challenge. */
  authenticate(paymentIntentId: string, passed: boolean): void;
  /** A PaymentIntent as Stripe's API would show it now (for webhook events). */
  paymentIntent(id: string): Json;
  close(): Promise<void>;
}

export async function startFakeStripe({ secretKey: firstSecretKey = `sk_test_${randomBytes(12).toString('hex')}` } = {}): Promise<FakeStripe> {
  let secretKey = firstSecretKey;
  const publishableKey = `pk_${secretKey.startsWith('sk_live_') ? 'live' : 'test'}_${randomBytes(12).toString('hex')}`;
  const methods = new Map<string, Method>();
  const customers = new Map<string, Json>();
  const intents = new Map<string, Intent>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: Json }>();
  const requests: FakeStripe['requests'] = [];
  const livemode = secretKey.startsWith('sk_live_');

  function method(id: string): Method {
    const known = methods.get(id);
    if (known) return known;
    const test = TEST_METHODS[id];
    if (!test) throw missing('payment_method', id);
    const made: Method = {
      behaviour: test.behaviour,
      setUpForOffSession: false,
      json: {
        id, object: 'payment_method', type: 'card', customer: null, livemode, created: now(), metadata: {}, billing_details: {},
        card: { brand: test.brand, last4: test.last4, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, country: 'US', funding: 'credit' },
      },
    };
    methods.set(id, made);
    return made;
  }

  /** A card as Stripe.js sends it from the Payment Element: Stripe's errors for a number it cannot take. */
  function methodFromCard(fields: Record<string, string>): Method {
    const number = (fields['card[number]'] ?? '').replace(/\D/g, '');
    const test = CARD_NUMBERS[number];
    if (!test) {
      throw new StripeApiError(402, { type: 'card_error', code: 'incorrect_number', param: 'card[number]', message: 'Your card number is incorrect.' });
    }
    const made = { ...method(test), setUpForOffSession: false };
    const expMonth = Number(fields['card[exp_month]']);
    const expYear = Number(fields['card[exp_year]']);
    const card = { ...(made.json.card as Json), ...(expMonth ? { exp_month: expMonth } : {}), ...(expYear ? { exp_year: expYear < 100 ? 2000 + expYear : expYear } : {}) };
    made.json = { ...made.json, id: newId('pm'), customer: null, card };
    methods.set(made.json.id as string, made);
    return made;
  }

  function intentJson(intent: Intent, expand: string[]): Json {
    return expand.includes('payment_method') ? { ...intent.json, payment_method: intent.method.json } : intent.json;
  }

  function cardError(intent: Intent, code: string, declineCode: string | undefined, message: string): StripeApiError {
    const error = { type: 'card_error', code, ...(declineCode ? { decline_code: declineCode } : {}), message, doc_url: `https://docs.stripe.com/error-codes/${code}` };
    // A SetupIntent's last error and the error's object go by its own names.
    const setup = intent.json.object === 'setup_intent';
    intent.json = { ...intent.json, status: 'requires_payment_method', [setup ? 'last_setup_error' : 'last_payment_error']: { ...error, payment_method: intent.method.json } };
    return new StripeApiError(402, { ...error, [setup ? 'setup_intent' : 'payment_intent']: intent.json, payment_method: intent.method.json });
  }

  /**
   * What confirming does with the intent's card: Stripe's test mode, on or off session. A SetupIntent charges nothing,
   * so a card declined only for its funds is set up.
   */
  function confirm(intent: Intent, offSession: boolean, returnUrl: string | undefined) {
    const { behaviour } = intent.method;
    if (behaviour === 'declined') throw cardError(intent, 'card_declined', 'generic_decline', 'Your card was declined.');
    if (behaviour === 'insufficient_funds' && intent.json.object === 'payment_intent') {
      throw cardError(intent, 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.');
    }
    if (behaviour === 'expired_card') throw cardError(intent, 'expired_card', 'expired_card', 'Your card has expired.');
    const authenticate = behaviour === 'authenticate_always' || (behaviour === 'authenticate_on_setup' && !(offSession && intent.method.setUpForOffSession));
    if (authenticate && offSession) {
      throw cardError(intent, 'authentication_required', 'authentication_required', 'Your card was declined. This transaction requires authentication.');
    }
    if (authenticate) {
      // With a return_url Stripe offers a page to redirect to; Till sends none, and gets what Stripe.js acts on.
      const next = returnUrl
        ? { type: 'redirect_to_url', redirect_to_url: { url: `${api.protocol}://${api.host}:${api.port}/3ds/${intent.json.id}`, return_url: returnUrl } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'stripe_3ds2_fingerprint', three_d_secure_2_source: `src_${intent.json.id}` } };
      intent.json = { ...intent.json, status: 'requires_action', next_action: next };
      return;
    }
    succeed(intent);
  }

  function succeed(intent: Intent) {
    if (intent.json.object === 'setup_intent') {
      // An off-session SetupIntent saves the card to its customer, for charges without the customer.
      intent.json = { ...intent.json, status: 'succeeded', next_action: null };
      intent.method.json = { ...intent.method.json, customer: intent.json.customer };
      intent.method.setUpForOffSession = intent.json.usage === 'off_session';
      return;
    }
    intent.json = { ...intent.json, status: 'succeeded', amount_received: intent.json.amount, next_action: null, latest_charge: newId('ch') };
    // setup_future_usage saves the card to the intent's customer once it is paid, as Stripe does.
    if (intent.json.setup_future_usage && intent.json.customer) {
      intent.method.json = { ...intent.method.json, customer: intent.json.customer };
      intent.method.setUpForOffSession = true;
    }
  }

  /** An intent of the kind its route is for: as on Stripe, a SetupIntent's id is no PaymentIntent's, nor the reverse. */
  function findIntent(id: string, object: 'payment_intent' | 'setup_intent' = 'payment_intent'): Intent {
    const intent = intents.get(id);
    if (intent?.json.object !== object) throw missing(object, id);
    return intent;
  }

  /** The intent's card and customer, as Stripe checks them: a card saved to a customer is used only as theirs. */
  function cardOfCustomer(fields: Record<string, string>) {
    const given = method(fields.payment_method ?? '');
    // As Stripe does, a test token (`pm_card_visa`) pays as a PaymentMethod of its own, made for the intent, which the
    // intent names and a customer keeps: the token itself is never anyone's.
    const card = fields.payment_method! in TEST_METHODS ? { ...given, json: { ...given.json, id: newId('pm') } } : given;
    methods.set(card.json.id as string, card);
    const customer = fields.customer ?? null;
    if (customer && !customers.has(customer)) throw missing('customer', customer);
    const owner = card.json.customer as string | null;
    if (owner && owner !== customer) {
      throw invalid('The provided PaymentMethod belongs to another Customer. Pass that Customer to use it.', { param: 'payment_method' });
    }
    return { card, customer, owner };
  }

  function createIntent(fields: Record<string, string>, lists: Record<string, string[]>): Json {
    const amount = Number(fields.amount);
    if (!Number.isInteger(amount) || amount < 1) throw invalid('Invalid integer: amount', { param: 'amount' });
    if (!fields.currency) throw invalid('Missing required param: currency.', { param: 'currency' });
    // Stripe's smallest charge: 0.50 in most currencies (its "Minimum and maximum charge amounts").
    const least = MINIMUM_CHARGE[fields.currency] ?? 50;
    if (amount < least) throw invalid(`Amount must be at least ${least} ${fields.currency}`, { code: 'amount_too_small', param: 'amount' });
    const { card, customer, owner } = cardOfCustomer(fields);
    const offSession = fields.off_session === 'true';
    if (offSession && (!customer || owner !== customer)) {
      throw invalid('A PaymentMethod must be attached to the Customer to be used off session.', { param: 'payment_method' });
    }
    const id = newId('pi');
    const intent: Intent = {
      method: card,
      amountRefunded: 0,
      json: {
        id, object: 'payment_intent', amount, amount_received: 0, currency: fields.currency, customer, livemode,
        payment_method: card.json.id, allowed_payment_method_types: lists.allowed_payment_method_types ?? null,
        payment_method_types: lists.allowed_payment_method_types ?? ['card'],
        setup_future_usage: fields.setup_future_usage ?? null, status: 'requires_confirmation', next_action: null,
        last_payment_error: null, latest_charge: null, capture_method: 'automatic', confirmation_method: 'automatic',
        client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`, created: now(), canceled_at: null, cancellation_reason: null,
        metadata: {},
      },
    };
    intents.set(id, intent);
    if (fields.confirm === 'true') confirm(intent, offSession, fields.return_url);
    return intentJson(intent, lists.expand ?? []);
  }

  /** A SetupIntent: a card saved for later, with what the bank asks (3-D Secure), and nothing charged. */
  function createSetupIntent(fields: Record<string, string>, lists: Record<string, string[]>): Json {
    const { card, customer, owner } = cardOfCustomer(fields);
    const id = newId('seti');
    const setup: Intent = {
      method: card,
      amountRefunded: 0,
      json: {
        id, object: 'setup_intent', customer, livemode, payment_method: card.json.id, usage: fields.usage ?? 'off_session',
        payment_method_types: lists.allowed_payment_method_types ?? ['card'], status: 'requires_confirmation', next_action: null, last_setup_error: null,
        client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`, created: now(), cancellation_reason: null, metadata: {},
      },
    };
    intents.set(id, setup);
    if (fields.confirm === 'true') confirm(setup, false, fields.return_url);
    return intentJson(setup, lists.expand ?? []);
  }

  /** The kind of intent an id names, for the helpers that take either: Stripe's ids say it (`pi_…`, `seti_…`). */
  const kindOf = (id: string) => (id.startsWith('seti_') ? 'setup_intent' : 'payment_intent');

  function answer(id: string, passed: boolean) {
    const intent = findIntent(id, kindOf(id));
    if (intent.json.status !== 'requires_action') return;
    if (passed) succeed(intent);
    else cardError(intent, `${intent.json.object}_authentication_failure`, undefined, 'The provided PaymentMethod has failed authentication.');
  }

  /** Stripe.js's own requests: the publishable key reaches a card's tokenization and one intent, by its client secret. */
  function browserRoute(verb: string, path: string, fields: Record<string, string>): Json {
    let match: RegExpExecArray | null;
    if (verb === 'POST' && path === '/v1/payment_methods' && fields.type === 'card') return methodFromCard(fields).json;
    const [, kind, intentId] = /^\/v1\/(payment_intent|setup_intent)s\/([^/]+)/.exec(path) ?? [];
    const intent = intentId ? findIntent(intentId, kind as 'payment_intent' | 'setup_intent') : undefined;
    if (!intent || fields.client_secret !== intent.json.client_secret) {
      throw invalid('This request needs a secret key, or the client secret of a PaymentIntent or SetupIntent.');
    }
    if (verb === 'GET' && /^\/v1\/(payment|setup)_intents\/[^/]+$/.test(path)) return intentJson(intent, ['payment_method']);
    if (verb === 'POST' && (match = /^\/v1\/(?:payment|setup)_intents\/([^/]+)\/test_challenge$/.exec(path))) {
      answer(match[1]!, fields.result === 'complete');
      return intentJson(intent, ['payment_method']);
    }
    throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${verb}: ${path}).` });
  }

  function route(verb: string, path: string, fields: Record<string, string>, lists: Record<string, string[]>): Json {
    const expand = lists.expand ?? [];
    let match: RegExpExecArray | null;
    if (verb === 'POST' && path === '/v1/customers') {
      const customer = { id: newId('cus'), object: 'customer', livemode, created: now(), email: fields.email ?? null, metadata: {} };
      customers.set(customer.id, customer);
      return customer;
    }
    if (verb === 'POST' && path === '/v1/payment_methods') {
      const test = TOKENS[fields['card[token]'] ?? ''];
      if (!test) throw invalid('Send card[token], one of the test tokens.', { param: 'card' });
      const made = { ...method(test), setUpForOffSession: false };
      made.json = { ...made.json, id: newId('pm'), customer: null };
      methods.set(made.json.id as string, made);
      return made.json;
    }
    if (verb === 'GET' && (match = /^\/v1\/payment_methods\/([^/]+)$/.exec(path))) return method(match[1]!).json;
    if (verb === 'POST' && path === '/v1/payment_intents') return createIntent(fields, lists);
    if (verb === 'POST' && path === '/v1/setup_intents') return createSetupIntent(fields, lists);
    if (verb === 'GET' && (match = /^\/v1\/setup_intents\/([^/]+)$/.exec(path))) return intentJson(findIntent(match[1]!, 'setup_intent'), expand);
    if (verb === 'POST' && (match = /^\/v1\/setup_intents\/([^/]+)\/cancel$/.exec(path))) {
      const setup = findIntent(match[1]!, 'setup_intent');
      if (['succeeded', 'canceled', 'processing'].includes(setup.json.status as string)) {
        throw invalid(`You cannot cancel this SetupIntent because it has a status of ${setup.json.status}.`, {
          code: 'setup_intent_unexpected_state', setup_intent: setup.json,
        });
      }
      setup.json = { ...setup.json, status: 'canceled', next_action: null, cancellation_reason: fields.cancellation_reason ?? null };
      return intentJson(setup, expand);
    }
    if (verb === 'GET' && (match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) return intentJson(findIntent(match[1]!), expand);
    if (verb === 'POST' && (match = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(path))) {
      const intent = findIntent(match[1]!);
      if (!['requires_confirmation', 'requires_payment_method'].includes(intent.json.status as string)) throw unexpectedState(intent, 'confirm');
      if (fields.payment_method) intent.method = method(fields.payment_method);
      confirm(intent, fields.off_session === 'true', fields.return_url);
      return intentJson(intent, expand);
    }
    if (verb === 'POST' && (match = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) {
      const intent = findIntent(match[1]!);
      if (['succeeded', 'canceled', 'processing'].includes(intent.json.status as string)) throw unexpectedState(intent, 'cancel');
      intent.json = { ...intent.json, status: 'canceled', next_action: null, canceled_at: now(), cancellation_reason: fields.cancellation_reason ?? null };
      return intentJson(intent, expand);
    }
    if (verb === 'POST' && path === '/v1/refunds') {
      const intent = findIntent(fields.payment_intent ?? '');
      if (intent.json.status !== 'succeeded') throw invalid(`This PaymentIntent (${intent.json.id}) does not have a successful charge to refund.`);
      const left = (intent.json.amount as number) - intent.amountRefunded;
      const amount = fields.amount === undefined ? left : Number(fields.amount);
      if (amount > left) {
        throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { code: 'amount_too_large', param: 'amount' });
      }
      intent.amountRefunded += amount;
      return {
        id: newId('re'), object: 'refund', amount, currency: intent.json.currency, charge: intent.json.latest_charge, payment_intent: intent.json.id,
        status: 'succeeded', reason: fields.reason ?? null, created: now(), metadata: {},
      };
    }
    throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${verb}: ${path}).` });
  }

  const unexpectedState = (intent: Intent, action: string) =>
    invalid(`You cannot ${action} this PaymentIntent because it has a status of ${intent.json.status}.`, {
      code: 'payment_intent_unexpected_state', payment_intent: intent.json,
    });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const text = request.method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString();
    const key = request.headers['idempotency-key'] as string | undefined;
    requests.push({ method: request.method ?? '', path: url.pathname, idempotencyKey: key });
    const send = (status: number, body: Json) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': newId('req') });
      response.end(JSON.stringify(body));
    };
    const { fields: browserFields } = readForm(text);
    if (browserFields.key === publishableKey && !request.headers.authorization) {
      try {
        return send(200, browserRoute(request.method ?? '', url.pathname, browserFields));
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        return send(error.status, { error: error.body });
      }
    }
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
    }
    const fingerprint = `${request.method} ${url.pathname} ${text}`;
    const stored = key && request.method === 'POST' ? idempotent.get(key) : undefined;
    if (stored && stored.fingerprint !== fingerprint) {
      return send(400, { error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } });
    }
    if (stored) return send(stored.status, stored.body);
    const { fields, lists } = readForm(text);
    let status = 200;
    let body: Json;
    try {
      body = route(request.method ?? '', url.pathname, fields, lists);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      [status, body] = [error.status, { error: error.body }];
    }
    if (key && request.method === 'POST') idempotent.set(key, { fingerprint, status, body });
    send(status, body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api = { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' as const };

  return {
    api,
    get secretKey() {
      return secretKey;
    },
    rollSecretKey: () => (secretKey = `${secretKey.slice(0, 8)}${randomBytes(12).toString('hex')}`),
    publishableKey,
    requests,
    authenticate: answer,
    paymentIntent: (id) => intentJson(findIntent(id, kindOf(id)), []),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
