import { Hono } from 'hono';
import { createCreditBundle, getCreditBundle, updateCreditBundle } from '../catalog/creditBundles';
import { createSubscriptionConfig, getSubscriptionConfig, updateSubscriptionConfig } from '../catalog/subscriptionConfigs';
import type { Database } from '../store/Database';
import { readJsonBody } from '../validation';
import type { MerchantEnv } from './merchantAuth';

/**
 * The merchant's catalog (issue 10): plans and credit bundles to create, read, rename, archive and, while no
 * checkout session uses them, reprice. Mounted by `merchantApi` after its authentication and idempotency
 * middleware; another merchant's ids are 404s. The lists (`GET /v1/subscription_configs`, `GET /v1/credit_bundles`)
 * stay in `merchantApi`, where they were first.
 */
export function catalogApi(db: Database) {
  return new Hono<MerchantEnv>()
    .post('/subscription_configs', async (c) => c.json(await createSubscriptionConfig(db, c.get('merchantId'), await readJsonBody(c)), 201))
    .get('/subscription_configs/:id', async (c) => c.json(await getSubscriptionConfig(db, c.get('merchantId'), c.req.param('id'))))
    .patch('/subscription_configs/:id', async (c) =>
      c.json(await updateSubscriptionConfig(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c))),
    )
    .post('/credit_bundles', async (c) => c.json(await createCreditBundle(db, c.get('merchantId'), await readJsonBody(c)), 201))
    .get('/credit_bundles/:id', async (c) => c.json(await getCreditBundle(db, c.get('merchantId'), c.req.param('id'))))
    .patch('/credit_bundles/:id', async (c) => c.json(await updateCreditBundle(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c))));
}
