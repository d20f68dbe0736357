import { Hono } from 'hono';
import { listConnections } from '../connections/listConnections';
import { serializeSubscription } from '../connections/serializeSubscription';
import { findInvoice } from '../invoices/findInvoice';
import { listInvoices } from '../invoices/listInvoices';
import { serializeInvoice } from '../invoices/serializeInvoice';
import { listPayments } from '../payments/listPayments';
import type { ProcessorFor } from '../payments/ProcessorFor';
import { refundPayment } from '../payments/refundPayment';
import type { Database } from '../store/Database';
import { cancelSubscription } from '../subscriptions/cancelSubscription';
import { findSubscription } from '../subscriptions/findSubscription';
import { listSubscriptions } from '../subscriptions/listSubscriptions';
import { readJsonBody } from '../validation';
import type { MerchantEnv } from './merchantAuth';

/**
 * The merchant's customers and what they bought: connections, subscriptions, payments (and their refunds), and the
 * invoices of renewals. Mounted by `merchantApi` after its authentication (which sets `merchantId`) and idempotency
 * middleware. Every query is scoped to that merchant, so another merchant's ids are 404s and its rows never appear
 * in a list.
 * `GET /v1/connections/:id` stays in `merchantApi`, where it was first.
 */
export function customerApi(db: Database, processorFor: ProcessorFor) {
  return new Hono<MerchantEnv>()
    .get('/connections', async (c) => c.json(await listConnections(db, c.get('merchantId'), c.req.query())))
    .get('/subscriptions', async (c) => c.json(await listSubscriptions(db, c.get('merchantId'), c.req.query())))
    .get('/subscriptions/:id', async (c) =>
      c.json(serializeSubscription(await findSubscription(db, c.get('merchantId'), c.req.param('id')))),
    )
    .post('/subscriptions/:id/cancel', async (c) =>
      c.json(await cancelSubscription(db, c.get('merchantId'), c.req.param('id'), await readJsonBody(c))),
    )
    .get('/payments', async (c) => c.json(await listPayments(db, c.get('merchantId'), c.req.query())))
    .post('/payments/:id/refund', async (c) =>
      c.json(await refundPayment(db, processorFor, c.get('merchantId'), c.req.param('id'), await readJsonBody(c)), 201),
    )
    .get('/invoices', async (c) => c.json(await listInvoices(db, c.get('merchantId'), c.req.query())))
    .get('/invoices/:id', async (c) => c.json(serializeInvoice(await findInvoice(db, c.get('merchantId'), c.req.param('id')))));
}
