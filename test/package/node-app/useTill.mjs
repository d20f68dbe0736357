// Run by Node in the temporary app, as a merchant's server would: TILL_URL and TILL_API_KEY name a real Till.
import { TillApiError, TillClient } from '@till-checkout/node';

const till = new TillClient({ apiKey: process.env.TILL_API_KEY, baseUrl: process.env.TILL_URL });
const plans = await till.listSubscriptionConfigs({ limit: 1 });
const session = await till.createCheckoutSession({
  checkout_mode: 'subscription',
  origin_url: 'http://localhost:4000/',
  subscription_config_id: plans.data[0].subscription_config_id,
});
const missing = await till.getCheckoutSession('cs_test_missing').catch((error) => error);
console.log(JSON.stringify({
  session: { id: session.checkout_session_id, hasToken: typeof session.checkout_session_token === 'string' },
  fetched: (await till.getCheckoutSession(session.checkout_session_id)).checkout_session_id,
  missing: { isTillApiError: missing instanceof TillApiError, status: missing.status, code: missing.code, requestId: typeof missing.requestId },
}));
