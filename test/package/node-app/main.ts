// Type-checked under each moduleResolution with the package's own declarations: the seed 004 example, and lines
// that must not compile.
import { TillApiError, TillClient, verifyWebhook } from '@till-checkout/node';

const till = new TillClient({ apiKey: 'sk_test_x', baseUrl: 'http://localhost:3000' });

export async function createCheckoutSession({ planId }: { planId: string }): Promise<string> {
  const session = await till.createCheckoutSession({ checkout_mode: 'subscription', origin_url: 'https://shop.example.com/', subscription_config_id: planId });
  return session.checkout_session_token;
}

export async function errors() {
  try {
    await till.getCheckoutSession('cs_test_x');
  } catch (error) {
    if (error instanceof TillApiError) return [error.code, error.param, error.requestId, error.status] as const;
  }
  return null;
}

export function typeErrors() {
  // @ts-expect-error checkout_mode is one of two words
  void till.createCheckoutSession({ checkout_mode: 'one_off', origin_url: 'https://shop.example.com/' });
  // @ts-expect-error the id is required
  void till.getCheckoutSession();
  // @ts-expect-error a session has no such field
  void till.getCheckoutSession('cs').then((session) => session.plan_name_typo);
  // @ts-expect-error no such route
  void till.createInvoice({});
  return verifyWebhook('{}', {}, 'whsec_x');
}
