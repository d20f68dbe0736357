import { apiKey, createApiKeyBody, newApiKey } from './apiKeys';
import type { ApiRoute, ApiRoutes } from './ApiRoute';
import { checkoutSession, createCheckoutSessionBody, newCheckoutSession } from './checkoutSessions';
import { connection, listConnectionsQuery } from './connections';
import { createCreditBundleBody, creditBundle, updateCreditBundleBody } from './creditBundles';
import { event, eventRedelivery, listEventsQuery, redeliverEventBody } from './events';
import { idParams } from './idParams';
import { advanceTimeBody, invoice, listInvoicesQuery, testClock } from './invoices';
import { listOf, pageQuery } from './lists';
import { listPaymentsQuery, payment } from './payments';
import { processorSettings, setProcessorSettingsBody } from './processorSettings';
import { createRefundBody, refund } from './refunds';
import { createPromotionCodeBody, listPromotionCodesQuery, promotionCode, updatePromotionCodeBody } from './promotionCodes';
import { createSubscriptionConfigBody, subscriptionConfig, updateSubscriptionConfigBody } from './subscriptionConfigs';
import { cancelSubscriptionBody, listSubscriptionsQuery, subscription } from './subscriptions';
import { createTaxRateBody, listTaxRatesQuery, taxRate, updateTaxRateBody } from './taxRates';
import { listWebhookAttemptsQuery, webhookAttempt } from './webhookAttempts';
import {
  createWebhookEndpointBody,
  deletedWebhookEndpoint,
  newWebhookEndpoint,
  rotatedWebhookEndpoint,
  updateWebhookEndpointBody,
  webhookEndpoint,
} from './webhookEndpoints';

/** A route of the merchant API: every one is called with a secret API key, and its literal types are kept for the client. */
function merchant<const Route extends Omit<ApiRoute, 'auth'>>(route: Route): Route & { auth: 'api_key' } {
  return { ...route, auth: 'api_key' };
}

const LIST = 'Objects come in id order, which is creation order (oldest first); page with `cursor`.';
const ONE_MODE = "A key sees only its own mode's objects: another mode's or merchant's id is `resource_missing`, like an unknown one.";

const sessionId = idParams('The id of the checkout session, `cs_…`.');
const planId = idParams('The id of the plan, `sc_…`.');
const bundleId = idParams('The id of the credit bundle, `cb_…`.');
const connectionId = idParams('The id of the customer, `con_…`.');
const subscriptionId = idParams('The id of the subscription, `sub_…`.');
const paymentId = idParams('The id of the payment, `pay_…`.');
const promotionCodeId = idParams('The id of the promotion code, `promo_…`.');
const taxRateId = idParams('The id of the tax rate, `txr_…`.');
const eventId = idParams('The id of the event, `evt_…`.');
const invoiceId = idParams('The id of the invoice, `in_…`.');
const endpointId = idParams('The id of the webhook endpoint, `we_…`.');
const apiKeyId = idParams('The id of the API key, `key_…` (not its secret).');

/**
 * Every route of the merchant API under `/v1`, keyed by operationId. The server validates with these schemas and
 * answers in their shape (the server suite checks every response against them), `GET /v1/openapi.json` and the
 * typed client are generated from them.
 */
export const merchantRoutes = {
  // Checkout sessions
  createCheckoutSession: merchant({
    method: 'post', path: '/v1/checkout_sessions', tag: 'Checkout sessions', summary: 'Create a checkout session',
    description:
      'A checkout for a plan (`subscription`) or a credit pack (`credit_bundle`), open for 24 hours unless `expires_at` says sooner. ' +
      'The response alone carries `checkout_session_token` (open it with the loader) and `checkout_url` (the hosted page). ' +
      'Any optional field may be sent as `null`, meaning absent, at the top level and inside `customer` and `attribution`. ' +
      'An archived plan or bundle starts no checkout (`plan_inactive`, `credit_bundle_inactive`); a credit pack needs a connection ' +
      'subscribed to its plan (`subscription_required`); a plan the connection already has is `already_subscribed`.',
    body: createCheckoutSessionBody,
    response: { status: 201, body: newCheckoutSession },
    errors: [
      'resource_missing', 'plan_inactive', 'credit_bundle_inactive', 'already_subscribed', 'subscription_required',
      'promotion_code_not_found', 'promotion_code_expired', 'promotion_code_exhausted', 'promotion_code_not_applicable',
    ],
  }),
  getCheckoutSession: merchant({
    method: 'get', path: '/v1/checkout_sessions/{id}', tag: 'Checkout sessions', summary: 'Retrieve a checkout session',
    description: `The session as it stands, priced now. Its token and \`checkout_url\` are null: only creation returns them. ${ONE_MODE}`,
    params: sessionId,
    response: { status: 200, body: checkoutSession },
    errors: ['resource_missing'],
  }),

  // Plans
  listSubscriptionConfigs: merchant({
    method: 'get', path: '/v1/subscription_configs', tag: 'Plans', summary: 'List plans',
    description: `Your plans, archived ones included, each with its credit bundles. ${LIST}`,
    query: pageQuery,
    response: { status: 200, body: listOf(subscriptionConfig) },
    errors: [],
  }),
  createSubscriptionConfig: merchant({
    method: 'post', path: '/v1/subscription_configs', tag: 'Plans', summary: 'Create a plan',
    description: 'A plan, active unless `active: false`. A period is `interval_count` × `billing_interval`, at most three years.',
    body: createSubscriptionConfigBody,
    response: { status: 201, body: subscriptionConfig },
    errors: [],
  }),
  getSubscriptionConfig: merchant({
    method: 'get', path: '/v1/subscription_configs/{id}', tag: 'Plans', summary: 'Retrieve a plan',
    params: planId,
    response: { status: 200, body: subscriptionConfig },
    errors: ['resource_missing'],
  }),
  updateSubscriptionConfig: merchant({
    method: 'patch', path: '/v1/subscription_configs/{id}', tag: 'Plans', summary: 'Update a plan',
    description:
      'Changes only what is sent. `name` and `active` always change; a price field (amount, currency, interval, count, tax behavior, ' +
      'included credit, seats) only while no checkout session uses the plan, else `price_in_use` names it: create a new plan and archive ' +
      'this one instead. A new `currency` needs `period_amount` in it, and a plan without credit bundles.',
    params: planId,
    body: updateSubscriptionConfigBody,
    response: { status: 200, body: subscriptionConfig },
    errors: ['resource_missing', 'price_in_use'],
  }),

  // Credit bundles
  listCreditBundles: merchant({
    method: 'get', path: '/v1/credit_bundles', tag: 'Credit bundles', summary: 'List credit bundles',
    description: `The credit bundles of all your plans, archived ones included. ${LIST}`,
    query: pageQuery,
    response: { status: 200, body: listOf(creditBundle) },
    errors: [],
  }),
  createCreditBundle: merchant({
    method: 'post', path: '/v1/credit_bundles', tag: 'Credit bundles', summary: 'Create a credit bundle',
    description: "A credit pack for the subscribers of one of your plans, priced in the plan's currency; active unless `active: false`.",
    body: createCreditBundleBody,
    response: { status: 201, body: creditBundle },
    errors: ['resource_missing'],
  }),
  getCreditBundle: merchant({
    method: 'get', path: '/v1/credit_bundles/{id}', tag: 'Credit bundles', summary: 'Retrieve a credit bundle',
    params: bundleId,
    response: { status: 200, body: creditBundle },
    errors: ['resource_missing'],
  }),
  updateCreditBundle: merchant({
    method: 'patch', path: '/v1/credit_bundles/{id}', tag: 'Credit bundles', summary: 'Update a credit bundle',
    description:
      'Changes only what is sent. `name` and `active` always change; the plan, `cost` and `credit_amount` only while no checkout session ' +
      "uses the bundle, else `price_in_use`. Moving it to a plan in another currency needs its `cost` in that currency.",
    params: bundleId,
    body: updateCreditBundleBody,
    response: { status: 200, body: creditBundle },
    errors: ['resource_missing', 'price_in_use'],
  }),

  // Customers
  listConnections: merchant({
    method: 'get', path: '/v1/connections', tag: 'Connections', summary: 'List customers',
    description: `Your customers, each with their current subscription and credit balance. ${LIST}`,
    query: listConnectionsQuery,
    response: { status: 200, body: listOf(connection) },
    errors: [],
  }),
  getConnection: merchant({
    method: 'get', path: '/v1/connections/{id}', tag: 'Connections', summary: 'Retrieve a customer',
    params: connectionId,
    response: { status: 200, body: connection },
    errors: ['resource_missing'],
  }),
  listSubscriptions: merchant({
    method: 'get', path: '/v1/subscriptions', tag: 'Subscriptions', summary: 'List subscriptions',
    description: `Your subscriptions, canceled ones included. An unknown \`connection_id\` simply has none. ${LIST}`,
    query: listSubscriptionsQuery,
    response: { status: 200, body: listOf(subscription) },
    errors: [],
  }),
  getSubscription: merchant({
    method: 'get', path: '/v1/subscriptions/{id}', tag: 'Subscriptions', summary: 'Retrieve a subscription',
    params: subscriptionId,
    response: { status: 200, body: subscription },
    errors: ['resource_missing'],
  }),
  cancelSubscription: merchant({
    method: 'post', path: '/v1/subscriptions/{id}/cancel', tag: 'Subscriptions', summary: 'Cancel a subscription',
    description:
      "At the period's end by default: it stays `active` with `cancel_at_period_end` and `cancel_at` (`subscription.updated`); asking again " +
      'changes nothing. With `at_period_end: false` it is `canceled` now (`subscription.canceled`), unless a renewal payment is still being ' +
      'settled by the processor (`payment_in_progress`). A canceled subscription is `subscription_canceled`.',
    params: subscriptionId,
    body: cancelSubscriptionBody,
    response: { status: 200, body: subscription },
    errors: ['resource_missing', 'subscription_canceled', 'payment_in_progress'],
  }),
  listPayments: merchant({
    method: 'get', path: '/v1/payments', tag: 'Payments', summary: 'List payments',
    description: `Every charge, declined ones included: a checkout's (\`checkout_session_id\`) or a renewal's (\`invoice_id\`); of the card only its brand and last four digits. ${LIST}`,
    query: listPaymentsQuery,
    response: { status: 200, body: listOf(payment) },
    errors: [],
  }),
  refundPayment: merchant({
    method: 'post', path: '/v1/payments/{id}/refund', tag: 'Payments', summary: 'Refund a payment',
    description:
      'Gives back all that is left of a succeeded payment, a checkout\'s or a renewal\'s (an invoice\'s `payment_id`), or `amount` of it, through the processor that took it, and records ' +
      '`payment.refunded`. Refunds add up to at most the payment (`validation_error` on `amount` beyond what is left); a payment ' +
      'that did not succeed, or is refunded in full, is `payment_not_refundable`. Subscriptions and credit are left as they are.',
    params: paymentId,
    body: createRefundBody,
    response: { status: 201, body: refund },
    errors: ['resource_missing', 'payment_not_refundable'],
  }),

  listInvoices: merchant({
    method: 'get', path: '/v1/invoices', tag: 'Invoices', summary: 'List invoices',
    description:
      'The periods of your subscriptions that were charged off-session with the saved card: each renewal at `current_period_end`, and the first ' +
      'period of one that started later (`start_date`). At most one invoice per period. A declined one stays `open` and is retried after 1, 3 ' +
      `and 5 days (the subscription is \`past_due\`), then it is \`void\` and the subscription canceled. ${LIST}`,
    query: listInvoicesQuery,
    response: { status: 200, body: listOf(invoice) },
    errors: [],
  }),
  getInvoice: merchant({
    method: 'get', path: '/v1/invoices/{id}', tag: 'Invoices', summary: 'Retrieve an invoice',
    params: invoiceId,
    response: { status: 200, body: invoice },
    errors: ['resource_missing'],
  }),
  advanceTestClock: merchant({
    method: 'post', path: '/v1/test_helpers/advance_time', tag: 'Test helpers', summary: "Move test mode's clock forward",
    description:
      "Test mode only: moves your test mode's time forward by `seconds`, for good, and answers with its new `now`. Renewals, their retries " +
      'and cancellations at the period\'s end fall due by this clock, and the worker looks for them at once: advance by a period and the ' +
      'subscriptions renew (`invoice.paid`, `subscription.renewed`) within moments. Checkout sessions keep the real clock. The clock goes ' +
      'no further than 9999-12-31T23:59:59Z: a move past it is refused (`validation_error` on `seconds`). With a live key ' +
      'the route does not exist (`route_not_found`).',
    body: advanceTimeBody,
    response: { status: 200, body: testClock },
    errors: ['route_not_found'],
  }),

  // Promotion codes
  listPromotionCodes: merchant({
    method: 'get', path: '/v1/promotion_codes', tag: 'Promotion codes', summary: 'List promotion codes',
    description: `Your promotion codes, archived ones included. ${LIST}`,
    query: listPromotionCodesQuery,
    response: { status: 200, body: listOf(promotionCode) },
    errors: [],
  }),
  createPromotionCode: merchant({
    method: 'post', path: '/v1/promotion_codes', tag: 'Promotion codes', summary: 'Create a promotion code',
    description:
      'A discount of `percent_off` or of `amount_off` in `currency`, for some of your plans or all. Codes are unique among yours, archived ' +
      'ones included (`promotion_code_exists`); a plan in `subscription_config_ids` that is not yours is `resource_missing`.',
    body: createPromotionCodeBody,
    response: { status: 201, body: promotionCode },
    errors: ['resource_missing', 'promotion_code_exists'],
  }),
  getPromotionCode: merchant({
    method: 'get', path: '/v1/promotion_codes/{id}', tag: 'Promotion codes', summary: 'Retrieve a promotion code',
    params: promotionCodeId,
    response: { status: 200, body: promotionCode },
    errors: ['resource_missing'],
  }),
  updatePromotionCode: merchant({
    method: 'patch', path: '/v1/promotion_codes/{id}', tag: 'Promotion codes', summary: 'Update a promotion code',
    description:
      'Archives or activates it, and changes its limits. The discount itself cannot change (a `validation_error` says so): create another code. ' +
      'An archived code is unknown to new checkouts; one applied before stays on its open session.',
    params: promotionCodeId,
    body: updatePromotionCodeBody,
    response: { status: 200, body: promotionCode },
    errors: ['resource_missing'],
  }),

  // Tax rates
  listTaxRates: merchant({
    method: 'get', path: '/v1/tax_rates', tag: 'Tax rates', summary: 'List tax rates',
    description: `Your tax rates, archived ones included. ${LIST}`,
    query: listTaxRatesQuery,
    response: { status: 200, body: listOf(taxRate) },
    errors: [],
  }),
  createTaxRate: merchant({
    method: 'post', path: '/v1/tax_rates', tag: 'Tax rates', summary: 'Create a tax rate',
    description: 'The tax of one country. A country has at most one active rate (`tax_rate_exists`); an archived rate prices nothing.',
    body: createTaxRateBody,
    response: { status: 201, body: taxRate },
    errors: ['tax_rate_exists'],
  }),
  getTaxRate: merchant({
    method: 'get', path: '/v1/tax_rates/{id}', tag: 'Tax rates', summary: 'Retrieve a tax rate',
    params: taxRateId,
    response: { status: 200, body: taxRate },
    errors: ['resource_missing'],
  }),
  updateTaxRate: merchant({
    method: 'patch', path: '/v1/tax_rates/{id}', tag: 'Tax rates', summary: 'Update a tax rate',
    description:
      '`percentage` and `country` cannot change, so a total already shown stays true: create a new rate and archive this one. ' +
      'Activating it again needs its country to have no other active rate (`tax_rate_exists`).',
    params: taxRateId,
    body: updateTaxRateBody,
    response: { status: 200, body: taxRate },
    errors: ['resource_missing', 'tax_rate_exists'],
  }),

  // Events
  listEvents: merchant({
    method: 'get', path: '/v1/events', tag: 'Events', summary: 'List events',
    description:
      'What happened, as webhooks carry it, oldest first; page with `cursor`. An event is listed once it commits and every ' +
      'change begun before it has ended, so a poller that sends the last event it saw as `cursor` gets every later one, ' +
      'none passed over. Events recorded together come in id order.',
    query: listEventsQuery,
    response: { status: 200, body: listOf(event) },
    errors: [],
  }),
  getEvent: merchant({
    method: 'get', path: '/v1/events/{id}', tag: 'Events', summary: 'Retrieve an event',
    params: eventId,
    response: { status: 200, body: event },
    errors: ['resource_missing'],
  }),
  redeliverEvent: merchant({
    method: 'post', path: '/v1/events/{id}/redeliver', tag: 'Events', summary: 'Send an event again',
    description:
      'Sends the event now, on a fresh retry schedule: to one enabled endpoint (a disabled one is `webhook_endpoint_disabled`), or to every ' +
      'enabled endpoint subscribed to its type. A delivery in flight is not doubled: it is attempted once more after it settles.',
    params: eventId,
    body: redeliverEventBody,
    response: { status: 202, body: eventRedelivery },
    errors: ['resource_missing', 'webhook_endpoint_disabled'],
  }),

  // Webhook endpoints
  createWebhookEndpoint: merchant({
    method: 'post', path: '/v1/webhook_endpoints', tag: 'Webhook endpoints', summary: 'Create a webhook endpoint',
    description: 'Signed webhooks (Standard Webhooks) for the chosen event types go to `url`. The signing `secret` is shown only here.',
    body: createWebhookEndpointBody,
    response: { status: 201, body: newWebhookEndpoint },
    errors: [],
  }),
  listWebhookEndpoints: merchant({
    method: 'get', path: '/v1/webhook_endpoints', tag: 'Webhook endpoints', summary: 'List webhook endpoints',
    description: `Your webhook endpoints, without their secrets. ${LIST}`,
    query: pageQuery,
    response: { status: 200, body: listOf(webhookEndpoint) },
    errors: [],
  }),
  getWebhookEndpoint: merchant({
    method: 'get', path: '/v1/webhook_endpoints/{id}', tag: 'Webhook endpoints', summary: 'Retrieve a webhook endpoint',
    params: endpointId,
    response: { status: 200, body: webhookEndpoint },
    errors: ['resource_missing'],
  }),
  updateWebhookEndpoint: merchant({
    method: 'patch', path: '/v1/webhook_endpoints/{id}', tag: 'Webhook endpoints', summary: 'Update a webhook endpoint',
    description: 'Changes only what is sent. `disabled: false` enables an endpoint again, with a fresh start if it was disabled for failing.',
    params: endpointId,
    body: updateWebhookEndpointBody,
    response: { status: 200, body: webhookEndpoint },
    errors: ['resource_missing'],
  }),
  deleteWebhookEndpoint: merchant({
    method: 'delete', path: '/v1/webhook_endpoints/{id}', tag: 'Webhook endpoints', summary: 'Delete a webhook endpoint',
    description: 'Deletes the endpoint and its delivery log; the events stay, and deliveries in flight come to nothing.',
    params: endpointId,
    response: { status: 200, body: deletedWebhookEndpoint },
    errors: ['resource_missing'],
  }),
  rotateWebhookEndpointSecret: merchant({
    method: 'post', path: '/v1/webhook_endpoints/{id}/rotate_secret', tag: 'Webhook endpoints', summary: "Rotate a webhook endpoint's secret",
    description:
      'A new signing secret, shown only here. For 24 hours every webhook carries two signatures, one per secret, so receivers can switch ' +
      'at any moment of that day; a second rotation within them retires the oldest secret at once.',
    params: endpointId,
    response: { status: 200, body: rotatedWebhookEndpoint },
    errors: ['resource_missing'],
  }),
  listWebhookAttempts: merchant({
    method: 'get', path: '/v1/webhook_endpoints/{id}/deliveries', tag: 'Webhook endpoints', summary: "List a webhook endpoint's delivery attempts",
    description: `The endpoint's delivery log: every attempt, with its answer or error. ${LIST}`,
    params: endpointId,
    query: listWebhookAttemptsQuery,
    response: { status: 200, body: listOf(webhookAttempt) },
    errors: ['resource_missing'],
  }),

  // API keys
  createApiKey: merchant({
    method: 'post', path: '/v1/api_keys', tag: 'API keys', summary: 'Create an API key',
    description: "Another key of the calling key's mode (a test key cannot make a live one). Its secret is shown only here.",
    body: createApiKeyBody,
    response: { status: 201, body: newApiKey },
    errors: [],
  }),
  listApiKeys: merchant({
    method: 'get', path: '/v1/api_keys', tag: 'API keys', summary: 'List API keys',
    description: `The keys of the calling key's mode, revoked ones included, without their secrets. ${LIST}`,
    query: pageQuery,
    response: { status: 200, body: listOf(apiKey) },
    errors: [],
  }),
  revokeApiKey: merchant({
    method: 'post', path: '/v1/api_keys/{id}/revoke', tag: 'API keys', summary: 'Revoke an API key',
    description:
      'Revokes the key at once: its next request is refused. Revoking again changes nothing. Your last active key cannot be revoked ' +
      '(`last_api_key`): create another first.',
    params: apiKeyId,
    response: { status: 200, body: apiKey },
    errors: ['resource_missing', 'last_api_key'],
  }),

  // Payment processor
  getProcessorSettings: merchant({
    method: 'get', path: '/v1/processor_settings', tag: 'Payment processor', summary: 'Retrieve the payment processor settings',
    description: "Who takes the payments of the calling key's mode, without any secret: the built-in test processor until you choose Stripe.",
    response: { status: 200, body: processorSettings },
    errors: [],
  }),
  setProcessorSettings: merchant({
    method: 'post', path: '/v1/processor_settings', tag: 'Payment processor', summary: 'Choose the payment processor',
    description:
      "Takes the payments of the calling key's mode through your Stripe account (keys of that mode: `sk_test_…` with a test API key, " +
      '`sk_live_…` with a live one), or through the test processor again. The next payment uses it. Secrets are stored encrypted and never ' +
      'shown again; a server whose operator has set no encryption key refuses them (`processor_settings_unavailable`). ' +
      'Create a webhook endpoint in Stripe for the `stripe.webhook_url` the answer gives, and send its signing secret here.',
    body: setProcessorSettingsBody,
    response: { status: 200, body: processorSettings },
    errors: ['processor_settings_unavailable'],
  }),
} satisfies ApiRoutes;

export type MerchantRoutes = typeof merchantRoutes;
