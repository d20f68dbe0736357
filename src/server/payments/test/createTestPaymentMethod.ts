import { randomBytes } from 'node:crypto';
import type { Database } from '../../store/Database';
import { parseInput } from '../../validation';
import { detectCardBrand } from '../../../protocol/cardNumbers';
import { createTestPaymentMethodBody, type TestPaymentMethod } from '../../../protocol/api/testPaymentMethods';
import { isTestCardNumber, testCardBehaviour } from './testCards';

/**
 * The test processor's tokenization: a card, judged by the rules the app judged it by, becomes a payment method
 * id. What the number does is decided now and kept as one word, with the brand, last four and expiry; the number
 * itself is not kept, nor passed on.
 */
export async function createTestPaymentMethod(db: Database, body: unknown): Promise<TestPaymentMethod> {
  const { card } = parseInput(createTestPaymentMethodBody, body);
  const id = `pm_${randomBytes(12).toString('hex')}`;
  const summary = { brand: detectCardBrand(card.number) ?? 'unknown', last4: card.number.slice(-4), exp_month: card.exp_month, exp_year: card.exp_year } as const;
  await db.query(
    `INSERT INTO test_payment_methods (payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, behaviour, test_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, summary.brand, summary.last4, summary.exp_month, summary.exp_year, testCardBehaviour(card.number), isTestCardNumber(card.number)],
  );
  return { id, card: summary };
}
