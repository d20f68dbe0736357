import type { BrowserContext, Route } from 'playwright-core';
import type { FakeStripe } from '../../server/support/fakeStripe';

/**
 * A fake of Stripe.js for the browser tests, served in place of `https://js.stripe.com` by Playwright's routing,
 * so nothing leaves the machine. It is built after Stripe.js's documented API, the part the checkout calls:
 * `Stripe(publishableKey)`, `stripe.elements(options)` (deferred intent), `elements.create('payment')`,
 * `element.mount(container)`, `elements.submit()`, `stripe.createPaymentMethod({ elements })` and
 * `stripe.handleNextAction({ clientSecret })`; and after how Stripe.js keeps the card out of the page that uses it:
 *
 * - the Payment Element is an iframe on `https://js.stripe.com` (cross-origin to the checkout) holding the card
 *   inputs; the page asks it, by `postMessage`, to check them (`submit`) and to make the PaymentMethod
 *   (`createPaymentMethod`), which it does itself by posting the card to `https://api.stripe.com`: the page only
 *   ever hears the PaymentMethod, never the number;
 * - `handleNextAction` shows the bank's 3-D Secure challenge as a full-size iframe on `https://js.stripe.com`
 *   with "Complete" and "Fail" (as Stripe's test page has), then asks the API how the PaymentIntent stands.
 *
 * `https://api.stripe.com` is routed to the local fake Stripe API (`test/server/support/fakeStripe.ts`), which
 * answers Stripe.js's requests by the publishable key. Field errors are shaped as Stripe.js's (`validation_error`,
 * `incomplete_number`, …); the frame's own sentences come from the checkout, not from here.
 */

export const STRIPE_ELEMENT_TITLE = 'Secure payment input frame';
export const STRIPE_CHALLENGE_TITLE = 'Fake 3-D Secure challenge';

const STRIPE_JS = `(() => {
  const ORIGIN = 'https://js.stripe.com';
  const API = 'https://api.stripe.com/v1';

  /** A frame of ours on js.stripe.com, and the answers to what the page asked it, by request id. */
  function framed(src, title) {
    const frame = document.createElement('iframe');
    frame.src = ORIGIN + src;
    frame.title = title;
    frame.setAttribute('frameborder', '0');
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const waiting = new Map();
    let next = 0;
    const listener = (event) => {
      if (event.origin !== ORIGIN || event.source !== frame.contentWindow || !event.data || !waiting.has(event.data.id)) return;
      waiting.get(event.data.id)(event.data.result);
      waiting.delete(event.data.id);
    };
    window.addEventListener('message', listener);
    return {
      frame,
      async ask(message) {
        await loaded;
        const id = ++next;
        return new Promise((resolve) => {
          waiting.set(id, resolve);
          frame.contentWindow.postMessage({ ...message, id }, ORIGIN);
        });
      },
      remove() {
        window.removeEventListener('message', listener);
        frame.remove();
      },
    };
  }

  function Stripe(key) {
    if (typeof key !== 'string' || !/^pk_(test|live)_/.test(key)) throw new Error('Invalid publishable key');
    const api = async (path, fields) => {
      const response = await fetch(API + path + '?' + new URLSearchParams({ ...fields, key }));
      const body = await response.json();
      return response.ok ? { body } : { error: body.error };
    };

    function elements(options) {
      const payment = options && options.mode === 'payment' && Number.isInteger(options.amount) && options.amount > 0 && options.currency;
      if (!payment && !(options && options.mode === 'setup' && options.amount === undefined)) {
        throw new Error('fake Stripe.js: elements() takes the deferred-intent options (mode payment with an amount and currency, or mode setup)');
      }
      let element = null;
      const group = {
        _options: options,
        create(type) {
          if (type !== 'payment' || element) throw new Error('fake Stripe.js: one Payment Element per Elements group');
          let mounted = null;
          element = {
            mount(target) {
              const container = typeof target === 'string' ? document.querySelector(target) : target;
              mounted = framed('/fake/payment-element.html#' + new URLSearchParams({ locale: options.locale || 'auto' }), ${JSON.stringify(STRIPE_ELEMENT_TITLE)});
              // Through the CSSOM, which a style-src 'self' page allows, as Stripe.js sizes its frames.
              Object.assign(mounted.frame.style, { border: '0', width: '100%', height: '170px', display: 'block' });
              container.appendChild(mounted.frame);
            },
            ask: (message) => mounted.ask({ ...message, key }),
            on() { return element; },
            focus() {},
            unmount() { mounted && mounted.remove(); mounted = null; },
            destroy() { element.unmount(); element = null; },
          };
          return element;
        },
        getElement: () => element,
        update(changes) { Object.assign(options, changes); },
        async submit() {
          const result = await element.ask({ fakeStripe: 'submit' });
          return result.error ? { error: result.error } : {};
        },
      };
      return group;
    }

    return {
      elements,
      async createPaymentMethod({ elements: group }) {
        if (!group || group._options.paymentMethodCreation !== 'manual') {
          throw new Error('fake Stripe.js: createPaymentMethod({ elements }) needs paymentMethodCreation: manual, as Stripe.js does');
        }
        return group.getElement().ask({ fakeStripe: 'createPaymentMethod' });
      },
      async handleNextAction({ clientSecret }) {
        const paymentIntent = String(clientSecret).split('_secret_')[0];
        // As Stripe.js does, by the kind the client secret names: a PaymentIntent's, or a SetupIntent's.
        const path = (paymentIntent.startsWith('seti_') ? '/setup_intents/' : '/payment_intents/') + paymentIntent;
        const before = await api(path, { client_secret: clientSecret });
        if (before.error) return { error: before.error };
        if (before.body.status !== 'requires_action') {
          return { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'No next action to handle.' } };
        }
        const challenge = framed('/fake/challenge.html#' + new URLSearchParams({ payment_intent: paymentIntent, client_secret: clientSecret, key }), ${JSON.stringify(STRIPE_CHALLENGE_TITLE)});
        Object.assign(challenge.frame.style, { position: 'fixed', inset: '0', width: '100%', height: '100%', border: '0', zIndex: '2147483647', background: '#fff' });
        document.body.appendChild(challenge.frame);
        challenge.frame.focus();
        await challenge.ask({ fakeStripe: 'challenge' });
        challenge.remove();
        const after = await api(path, { client_secret: clientSecret });
        if (after.error) return { error: after.error };
        const setup = after.body.object === 'setup_intent';
        if (after.body.status === 'requires_payment_method') {
          const failure = (setup ? after.body.last_setup_error : after.body.last_payment_error) || {};
          return { error: { type: 'invalid_request_error', code: failure.code, message: failure.message, [after.body.object]: after.body } };
        }
        return setup ? { setupIntent: after.body } : { paymentIntent: after.body };
      },
      _registerWrapper() {},
    };
  }
  // What @stripe/stripe-js checks against the release train it expects.
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();`;

/** Answers the page's questions, by `postMessage`, only to the page that embeds the frame. */
const FRAME_MESSAGING = `
  const answer = (event, result) => event.source.postMessage({ id: event.data.id, result }, event.origin);
  const on = (handler) => window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !event.data || !event.data.fakeStripe) return;
    handler(event).then((result) => answer(event, result));
  });
`;

const PAYMENT_ELEMENT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payment Element</title>
<style>body{margin:0;font:16px system-ui,sans-serif} label{display:block;margin:0 0 8px} input{display:block;width:100%;box-sizing:border-box;padding:8px}</style></head>
<body>
<label>Card number<input id="number" autocomplete="cc-number" inputmode="numeric"></label>
<label>Expiration date<input id="expiry" autocomplete="cc-exp" placeholder="MM / YY"></label>
<label>Security code<input id="cvc" autocomplete="cc-csc" inputmode="numeric"></label>
<script>
  ${FRAME_MESSAGING}
  const value = (id) => document.getElementById(id).value.replace(/[\\s/]/g, '');
  function validate() {
    const problem = (code, message) => ({ error: { type: 'validation_error', code, message } });
    if (value('number').length < 13) return problem('incomplete_number', 'Your card number is incomplete.');
    if (value('expiry').length !== 4) return problem('incomplete_expiry', "Your card's expiration date is incomplete.");
    if (value('cvc').length < 3) return problem('incomplete_cvc', "Your card's security code is incomplete.");
    return {};
  }
  on(async (event) => {
    const checked = validate();
    if (event.data.fakeStripe === 'submit' || checked.error) return checked;
    // Only Stripe's frame sends the card, and only to Stripe's API, as Stripe.js does.
    const expiry = value('expiry');
    const response = await fetch('https://api.stripe.com/v1/payment_methods', {
      method: 'POST',
      body: new URLSearchParams({
        type: 'card', 'card[number]': value('number'), 'card[exp_month]': expiry.slice(0, 2), 'card[exp_year]': expiry.slice(2),
        'card[cvc]': value('cvc'), key: event.data.key,
      }),
    });
    const body = await response.json();
    return response.ok ? { paymentMethod: body } : { error: body.error };
  });
</script></body></html>`;

const CHALLENGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3-D Secure</title></head>
<body><main><h1>3D Secure 2 Test Page</h1><p>Complete or fail this test payment's authentication.</p>
<button id="complete" type="button">Complete</button> <button id="fail" type="button">Fail</button></main>
<script>
  ${FRAME_MESSAGING}
  const params = new URLSearchParams(location.hash.slice(1));
  document.getElementById('complete').focus();
  // The buttons answer from the moment they show: the page asks once this frame has loaded, and a click that came
  // before its question (a test as quick as the page is slow) was lost, leaving the payment waiting for good.
  let chosen = false;
  const answered = new Promise((resolve) => {
    for (const result of ['complete', 'fail']) {
      document.getElementById(result).addEventListener('click', async () => {
        if (chosen) return;
        chosen = true;
        const intent = params.get('payment_intent');
        await fetch('https://api.stripe.com/v1/' + (intent.startsWith('seti_') ? 'setup_intents/' : 'payment_intents/') + intent + '/test_challenge', {
          method: 'POST',
          body: new URLSearchParams({ result, client_secret: params.get('client_secret'), key: params.get('key') }),
        });
        resolve({});
      });
    }
  });
  // Focused again once the page has framed and focused this frame, which it asks after: the call above, made before,
  // once left the focus elsewhere (the focus test failed so, once in about a dozen runs beside another browser file).
  on(() => (document.getElementById('complete').focus(), answered));
</script></body></html>`;

const FILES: Record<string, { body: string; contentType: string }> = {
  // @stripe/stripe-js loads its release train's script; /v3 is the URL Stripe's docs name.
  '/endive/stripe.js': { body: STRIPE_JS, contentType: 'text/javascript' },
  '/v3': { body: STRIPE_JS, contentType: 'text/javascript' },
  '/v3/': { body: STRIPE_JS, contentType: 'text/javascript' },
  '/fake/payment-element.html': { body: PAYMENT_ELEMENT, contentType: 'text/html; charset=utf-8' },
  '/fake/challenge.html': { body: CHALLENGE, contentType: 'text/html; charset=utf-8' },
};

async function serveStripeJs(route: Route) {
  const file = FILES[new URL(route.request().url()).pathname];
  if (!file) return route.fulfill({ status: 404, body: 'Not in the fake Stripe.js' });
  return route.fulfill({ status: 200, contentType: file.contentType, body: file.body });
}

/** Stripe's API, for Stripe.js: the local fake answers it, with the CORS header Stripe's API sends. */
function forwardToFakeApi(stripe: FakeStripe) {
  return async (route: Route) => {
    const request = route.request();
    const { pathname, search } = new URL(request.url());
    const response = await fetch(`${stripe.api.protocol}://${stripe.api.host}:${stripe.api.port}${pathname}${search}`, {
      method: request.method(),
      headers: { 'Content-Type': request.headers()['content-type'] ?? 'application/x-www-form-urlencoded' },
      body: request.method() === 'GET' ? undefined : (request.postData() ?? ''),
    });
    await route.fulfill({
      status: response.status,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: await response.text(),
    });
  };
}

/** Serves the fake Stripe.js and its frames as `https://js.stripe.com`, and sends `https://api.stripe.com` to `stripe`. */
export async function routeFakeStripeJs(context: BrowserContext, stripe: FakeStripe): Promise<void> {
  await context.route('https://js.stripe.com/**', serveStripeJs);
  await context.route('https://api.stripe.com/**', forwardToFakeApi(stripe));
}
