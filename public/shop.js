// The merchant's page script: ask our backend for a token, then hand it to Till.open. What the customer bought
// is shown once our backend has it from Till's signed webhook, not when the checkout's callback says so.
const CONNECTION_KEY = 'till-demo-connection';
const CONFIRMATION_POLL_MS = 500;
// Till sends at once and retries a failed delivery within seconds; a minute without one means something is wrong.
const CONFIRMATION_TIMEOUT_MS = 60_000;
const result = document.getElementById('result');
const account = document.getElementById('account');
const buyCredits = document.getElementById('buy-credits');
// Each checkout replaces the last; a confirmation still being awaited for an older one must not write over it.
let currentCheckout = 0;

async function showAccount() {
  const connectionId = localStorage.getItem(CONNECTION_KEY);
  if (!connectionId) return;
  const response = await fetch(`/api/connections/${encodeURIComponent(connectionId)}`);
  if (!response.ok) return;
  const connection = await response.json();
  const plan = connection.subscribed ? 'Subscribed' : 'Not subscribed';
  account.textContent = `Signed in as ${connection.email}. ${plan}. Credit balance: ${connection.credit_balance}`;
  Object.assign(account.dataset, {
    creditBalance: connection.credit_balance,
    subscriptionConfirmedBy: connection.subscription_confirmed_by,
  });
  buyCredits.disabled = !connection.subscribed;
}

function showResult(text, data) {
  result.textContent = text;
  for (const key of Object.keys(result.dataset)) delete result.dataset[key];
  Object.assign(result.dataset, data);
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks our backend until Till's webhook for the checkout has reached it; null if none came in time. */
async function awaitConfirmation(checkoutSessionId, checkout) {
  const deadline = Date.now() + CONFIRMATION_TIMEOUT_MS;
  while (Date.now() < deadline && checkout === currentCheckout) {
    const response = await fetch(`/api/checkout-sessions/${encodeURIComponent(checkoutSessionId)}`);
    if (response.ok) {
      const session = await response.json();
      if (session.confirmed) return session;
    }
    await wait(CONFIRMATION_POLL_MS);
  }
  return null;
}

async function confirm(checkoutSessionId, connectionId, checkout) {
  const session = await awaitConfirmation(checkoutSessionId, checkout);
  if (checkout !== currentCheckout) return;
  if (!session) {
    showResult('Payment received, but Till’s webhook has not reached the shop yet. Is its endpoint registered?', {
      outcome: 'success', checkoutSessionId, connectionId, confirmed: 'timeout',
    });
    return;
  }
  // The customer is who the webhook says, not who the callback said.
  localStorage.setItem(CONNECTION_KEY, session.connection_id);
  const bought =
    session.checkout_mode === 'subscription'
      ? 'you are subscribed.'
      : `${session.credits_added} credits added; your balance is ${session.credit_balance}.`;
  showResult(`Confirmed by webhook: ${bought}`, {
    outcome: 'success', checkoutSessionId, connectionId: session.connection_id, confirmed: 'webhook',
  });
  await showAccount();
}

async function checkout(kind) {
  const thisCheckout = ++currentCheckout;
  showResult('', {});
  const response = await fetch('/api/checkout-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, connection_id: localStorage.getItem(CONNECTION_KEY) ?? undefined }),
  });
  const body = await response.json();
  if (!response.ok) {
    showResult(`Could not start checkout: ${body.error.message}`, {});
    return;
  }
  window.Till.open(body.token, {
    onSuccess({ checkoutSessionId, connectionId }) {
      // The callback proves only that this browser ran a script; the shop acts on Till's webhook.
      showResult('Payment received — waiting for confirmation…', { outcome: 'success', checkoutSessionId, connectionId });
      confirm(checkoutSessionId, connectionId, thisCheckout);
    },
    onPending({ checkoutSessionId }) {
      // The payment settles later; the webhook says whether it went through.
      showResult('Payment is being confirmed — waiting for the webhook…', { outcome: 'pending', checkoutSessionId });
      confirm(checkoutSessionId, '', thisCheckout);
    },
    onCancel({ checkoutSessionId }) {
      showResult('Checkout closed.', { outcome: 'cancel', checkoutSessionId: checkoutSessionId ?? '' });
    },
    onError({ error }) {
      showResult(`Checkout failed: ${error.message}`, { outcome: 'error', errorCode: error.code });
    },
  });
}

document.getElementById('subscribe').addEventListener('click', () => checkout('subscription'));
buyCredits.addEventListener('click', () => checkout('credits'));
showAccount();
