// @till-checkout/node: Till's client for a merchant's server (packages/node, built by scripts/buildNodeClient.ts).
import { merchantRoutes } from '../protocol/api/merchantRoutes';
import { type ApiClient, type ClientOptions, createApiClient } from './createApiClient';

/**
 * One method per route of the merchant API, named by its operationId, typed by the schemas the server itself
 * validates with.
 *
 * @example
 * const till = new TillClient({ apiKey: process.env.TILL_SECRET_KEY!, baseUrl: 'https://till.example.com' });
 * const session = await till.createCheckoutSession({ checkout_mode: 'subscription', origin_url, subscription_config_id: planId });
 */
export interface TillClient extends ApiClient<typeof merchantRoutes> {}

export class TillClient {
  constructor(options: ClientOptions) {
    Object.assign(this, createApiClient(merchantRoutes, options));
  }
}

export { TillApiError, type ClientErrorCode } from './TillApiError';
export { verifyWebhook } from './verifyWebhook';
export type { CallOptions, ClientOptions } from './createApiClient';
export type { ApiErrorCode, DeclineCode } from '../protocol/api/apiErrors';
export type { CheckoutSession } from '../protocol/api/checkoutSessions';
export type { Event, EventType } from '../protocol/api/events';
