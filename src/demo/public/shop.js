// The merchant's page script: ask our backend for a token, then hand it to Till.open.
const CONNECTION_KEY = 'till-demo-connection';
const result = document.getElementById('result');
const account = document.getElementById('account');
const buyCredits = document.getElementById('buy-credits');

async function showAccount() {
  const connectionId = localStorage.getItem(CONNECTION_KEY);
  if (!connectionId) return;
  const response = await fetch(`/api/connections/${encodeURIComponent(connectionId)}`);
  if (!response.ok) return;
  const connection = await response.json();
  account.textContent = `Signed in as ${connection.customer.email}. Credit balance: ${connection.credit_balance}`;
  account.dataset.creditBalance = connection.credit_balance;
  buyCredits.disabled = !connection.subscription;
}

async function checkout(kind) {
  const response = await fetch('/api/checkout-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, connection_id: localStorage.getItem(CONNECTION_KEY) ?? undefined }),
  });
  const body = await response.json();
  if (!response.ok) {
    result.textContent = `Could not start checkout: ${body.error.message}`;
    return;
  }
  window.Till.open(body.token, {
    onSuccess({ checkoutSessionId, connectionId, checkoutMode }) {
      localStorage.setItem(CONNECTION_KEY, connectionId);
      result.textContent = `Thank you! ${checkoutMode === 'subscription' ? 'You are subscribed.' : 'Credits added.'}`;
      Object.assign(result.dataset, { outcome: 'success', checkoutSessionId, connectionId });
      showAccount();
    },
    onCancel({ checkoutSessionId }) {
      result.textContent = 'Checkout closed.';
      Object.assign(result.dataset, { outcome: 'cancel', checkoutSessionId: checkoutSessionId ?? '' });
    },
    onError({ error }) {
      result.textContent = `Checkout failed: ${error.message}`;
      Object.assign(result.dataset, { outcome: 'error', errorCode: error.code });
    },
  });
}

document.getElementById('subscribe').addEventListener('click', () => checkout('subscription'));
buyCredits.addEventListener('click', () => checkout('credits'));
showAccount();
