import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { processorForMerchant } from '../../../src/server/payments/processorForMerchant';
import type { ProcessorFor } from '../../../src/server/payments/ProcessorFor';
import type { FakeStripe } from './fakeStripe';
import { startStripeAccounts, type StripeAccounts } from './stripeAccounts';
import { useTestServer } from './testServer';

/**
 * A test server whose demo merchant moves between the built-in test processor and fake Stripe accounts A and B
 * (`startStripeAccounts`), with the server's own processors (`processorForMerchant`), made once the accounts listen.
 */
export function useSwitchingMerchant() {
  let stripe: StripeAccounts;
  const encryptionKey = randomBytes(32);
  beforeAll(async () => {
    stripe = await startStripeAccounts(2);
  });
  afterAll(() => stripe.close());
  let byMerchant: ProcessorFor | undefined;
  const processorFor: ProcessorFor = (merchantId, store, takenBy) =>
    (byMerchant ??= processorForMerchant({ encryptionKey, stripeApi: stripe.api }))(merchantId, store, takenBy);
  const till = useTestServer({ processorFor, app: () => ({ encryptionKey }) });

  /** Each account's webhook signing secret, as its dashboard would show it. */
  const webhookSecrets = new Map<FakeStripe, string>();
  const webhookSecretOf = (account: FakeStripe) =>
    webhookSecrets.get(account) ?? webhookSecrets.set(account, `whsec_${randomBytes(24).toString('base64')}`).get(account)!;

  /** The demo merchant's test mode moves to `account`'s keys, or to the test processor. */
  async function moveTo(account: FakeStripe | 'test') {
    const body =
      account === 'test'
        ? { processor: 'test' }
        : { processor: 'stripe', secret_key: account.secretKey, publishable_key: account.publishableKey, webhook_secret: webhookSecretOf(account) };
    const response = await till.api('POST', '/v1/processor_settings', { body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  /** The merchant's current keys, as `processor_settings` points at them; null on the test processor. */
  async function currentCredentials() {
    const [row] = await till.db.query<{ credentials_id: string | null }>('SELECT credentials_id FROM merchant_processors WHERE merchant_id = $1', [
      till.demo.merchantId,
    ]);
    return row?.credentials_id ?? null;
  }

  return {
    till, processorFor, moveTo, currentCredentials, webhookSecretOf, encryptionKey, accountA: () => stripe.accounts[0]!, accountB: () => stripe.accounts[1]!,
  };
}
