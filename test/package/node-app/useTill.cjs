// The same from CommonJS: require() must get the package's CommonJS build.
const { TillClient, verifyWebhook } = require('@till-checkout/node');

const till = new TillClient({ apiKey: process.env.TILL_API_KEY, baseUrl: process.env.TILL_URL });
till.listSubscriptionConfigs({ limit: 1 }).then((plans) => {
  console.log(JSON.stringify({
    resolved: require.resolve('@till-checkout/node'),
    plans: plans.data.length,
    verifyWebhook: typeof verifyWebhook,
  }));
});
