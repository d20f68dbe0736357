import { Hono } from 'hono';
import { createPromotionCode } from '../promotions/createPromotionCode';
import { findMerchantPromotionCode } from '../promotions/findMerchantPromotionCode';
import { listPromotionCodes } from '../promotions/listPromotionCodes';
import { serializePromotionCode } from '../promotions/serializePromotionCode';
import { updatePromotionCode } from '../promotions/updatePromotionCode';
import type { Database } from '../store/Database';
import { createTaxRate } from '../tax/createTaxRate';
import { findMerchantTaxRate } from '../tax/findMerchantTaxRate';
import { listTaxRates } from '../tax/listTaxRates';
import { serializeTaxRate } from '../tax/serializeTaxRate';
import { updateTaxRate } from '../tax/updateTaxRate';
import { readJsonBody } from '../validation';
import type { MerchantEnv } from './merchantAuth';

/**
 * The rules that price a checkout besides the catalog (issue 10): promotion codes and tax rates. Mounted by
 * `merchantApi` after its authentication and idempotency middleware; every query is scoped to the merchant, so
 * another merchant's ids are 404s and its rows never appear in a list. Neither is ever deleted: a code or rate
 * is archived (`active: false`), as a redemption or a paid checkout may name it.
 */
export function pricingRulesApi(db: Database) {
  return new Hono<MerchantEnv>()
    .post('/promotion_codes', async (c) => c.json(await createPromotionCode(db, c.get('merchantId'), await readJsonBody(c)), 201))
    .get('/promotion_codes', async (c) => c.json(await listPromotionCodes(db, c.get('merchantId'), c.req.query())))
    .get('/promotion_codes/:id', async (c) =>
      c.json(serializePromotionCode(await findMerchantPromotionCode(db, c.get('merchantId'), c.req.param('id')))),
    )
    .patch('/promotion_codes/:id', async (c) =>
      c.json(await updatePromotionCode(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c))),
    )
    .post('/tax_rates', async (c) => c.json(await createTaxRate(db, c.get('merchantId'), await readJsonBody(c)), 201))
    .get('/tax_rates', async (c) => c.json(await listTaxRates(db, c.get('merchantId'), c.req.query())))
    .get('/tax_rates/:id', async (c) => c.json(serializeTaxRate(await findMerchantTaxRate(db, c.get('merchantId'), c.req.param('id')))))
    .patch('/tax_rates/:id', async (c) => c.json(await updateTaxRate(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c))));
}
