import { recordEvent } from '../events/recordEvent';
import { createId } from '../ids';
import { isLive, modeOf } from '../modes';
import { toDecimalString } from '../money';
import type { Database } from '../store/Database';
import { TillApiError } from '../TillApiError';
import { toMinorUnits } from '../toMinorUnits';
import { parseInput } from '../validation';
import { createRefundBody, type Refund } from '../../protocol/api/refunds';
import type { ProcessorFor } from './ProcessorFor';
import type { PaymentRow } from './serializePayment';

/**
 * `POST /v1/payments/:id/refund`: gives back what is left of a succeeded payment, or part of it, through the
 * processor that took it. Under the payment's row lock, so two refunds at once take turns and never add up to
 * more than was paid (the store's check holds that too). The processor's idempotency key is the refund's place
 * among the payment's refunds and its amount: a retry after a crash between the processor's answer and the commit
 * asks for the same refund again, and gets the first one back, instead of refunding twice. The amount is in it because
 * Stripe keeps a refusal under its key too: a refund it refused (more than was left after one in its dashboard)
 * would otherwise hold that place, and every other amount after it be refused as a reused key.
 */
export async function refundPayment(db: Database, processorFor: ProcessorFor, merchantId: string, paymentId: string, body: unknown): Promise<Refund> {
  const input = parseInput(createRefundBody, body);
  return db.transaction(async (tx) => {
    const [payment] = await tx.query<PaymentRow>('SELECT * FROM payments WHERE payment_id = $1 AND merchant_id = $2 FOR UPDATE', [
      paymentId,
      merchantId,
    ]);
    if (!payment) throw new TillApiError('resource_missing', `No payment with id '${paymentId}'.`, 'id');
    const left = payment.amount - payment.amount_refunded;
    if (payment.status !== 'succeeded' || !payment.processor_payment_id || left === 0) {
      const why =
        payment.status !== 'succeeded'
          ? `is ${payment.status}`
          : left > 0
            ? 'was not taken by a processor'
            : payment.amount > 0
              ? 'is refunded in full'
              : 'took nothing (it saved a card for later)';
      throw new TillApiError('payment_not_refundable', `Payment '${paymentId}' ${why}: there is nothing to refund.`, 'id');
    }
    // Taken before migration 027 by Stripe keys the merchant had replaced by then, of which 017 kept no copy.
    if (payment.processor === 'stripe' && !payment.processor_credentials_id) {
      throw new TillApiError(
        'payment_not_refundable',
        `Payment '${paymentId}' was taken with Stripe keys Till no longer has (replaced before it kept every set): refund it in the Stripe Dashboard.`,
        'id',
      );
    }
    const amount = input.amount === undefined ? left : toMinorUnits(input.amount, payment.currency);
    if (amount === null || amount <= 0 || amount > left) {
      throw new TillApiError(
        'validation_error',
        `Invalid 'amount': must be more than 0 and at most ${toDecimalString(left, payment.currency)} ${payment.currency}, what is left of the payment, in its currency's units.`,
        'amount',
      );
    }
    const [{ count }] = (await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM refunds WHERE payment_id = $1', [paymentId])) as [
      { count: number },
    ];
    const sequence = count + 1;
    // Where the payment was taken, even if the merchant has moved to another processor, or other keys, since.
    const processor = await processorFor(merchantId, tx, payment);
    const processed = await processor.refund({ idempotencyKey: `${paymentId}:refund:${sequence}:${amount}`, paymentId: payment.processor_payment_id, amount });
    const refundId = createId('re', modeOf(merchantId));
    const [row] = await tx.query<{ created_at: Date }>(
      `INSERT INTO refunds (refund_id, merchant_id, payment_id, sequence, amount, currency, reason, processor_refund_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at`,
      [refundId, merchantId, paymentId, sequence, amount, payment.currency, input.reason ?? null, processed.id],
    );
    await tx.query('UPDATE payments SET amount_refunded = amount_refunded + $2 WHERE payment_id = $1', [paymentId, amount]);
    const refund: Refund = {
      refund_id: refundId,
      livemode: isLive(refundId),
      payment_id: paymentId,
      amount: toDecimalString(amount, payment.currency),
      currency: payment.currency,
      reason: input.reason ?? null,
      created_at: row!.created_at.toISOString(),
    };
    await recordEvent(tx, merchantId, 'payment.refunded', refund);
    return refund;
  });
}
