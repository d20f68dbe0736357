import { Hono } from 'hono';
import { z } from 'zod';
import { listCreditBundles, listSubscriptionConfigs } from '../catalog/listCatalog';
import { getConnection } from '../connections/getConnection';
import { priceSession } from '../pricing/priceSession';
import { createCheckoutSession } from '../sessions/createCheckoutSession';
import { serializeCheckoutSession } from '../sessions/checkoutSessionRow';
import { findCheckoutSessionById } from '../sessions/findCheckoutSession';
import type { Database } from '../store/Database';
import { parseInput, readJsonBody } from '../validation';
import { merchantAuth, type MerchantEnv } from './merchantAuth';

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  cursor: z.string().min(1).optional(),
});

/** The merchant API under `/v1`, authenticated by the merchant's secret key. */
export function merchantApi(db: Database, publicUrl: string) {
  return new Hono<MerchantEnv>()
    .use(merchantAuth(db))
    .post('/checkout_sessions', async (c) =>
      c.json(await createCheckoutSession(db, c.get('merchantId'), publicUrl, await readJsonBody(c)), 201),
    )
    .get('/checkout_sessions/:id', async (c) => {
      const session = await findCheckoutSessionById(db, c.get('merchantId'), c.req.param('id'));
      return c.json(serializeCheckoutSession(session, await priceSession(db, session)));
    })
    .get('/subscription_configs', async (c) =>
      c.json(await listSubscriptionConfigs(db, c.get('merchantId'), parseInput(pageQuery, c.req.query()))),
    )
    .get('/credit_bundles', async (c) =>
      c.json(await listCreditBundles(db, c.get('merchantId'), parseInput(pageQuery, c.req.query()))),
    )
    .get('/connections/:id', async (c) => c.json(await getConnection(db, c.get('merchantId'), c.req.param('id'))));
}
