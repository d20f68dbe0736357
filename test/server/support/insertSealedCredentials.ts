import type { Database } from '../../../src/server/store/Database';

/** A merchant's set of Stripe keys written as a row, whose sealed values no test opens. */
export const insertSealedCredentials = (db: Database, merchantId: string, credentialsId: string) =>
  db.query(
    `INSERT INTO processor_credentials
       (credentials_id, merchant_id, stripe_secret_key_sealed, stripe_secret_key_last4, stripe_publishable_key, stripe_webhook_secret_sealed)
     VALUES ($1, $2, 'sealed', 'Abcd', 'pk_test_1', 'sealed')`,
    [credentialsId, merchantId],
  );
