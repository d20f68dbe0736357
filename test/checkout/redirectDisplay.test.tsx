import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompletedCheckout } from '../../src/checkout/api/CheckoutApi';
import { appearanceFromQuery } from '../../src/checkout/appearance/appearanceFromQuery';
import { RETURN_AFTER_SUCCESS_MS } from '../../src/checkout/CheckoutApp';
import { createRedirectLink, withCheckoutSessionId } from '../../src/checkout/frame/createRedirectLink';
import { takeSecretFromFragment } from '../../src/checkout/frame/takeSecretFromFragment';
import { startRedirectCheckout } from '../../src/checkout/startRedirectCheckout';
import { aCompletedCheckout, aSession, apiError, CHECKOUT_SESSION_ID, deferred, fillValidForm, payButton, renderCheckout } from './renderCheckout';

const SECRET = 'css_test_secret123';
const SUCCESS_URL = `https://shop.example/thanks?plan=pro&checkout_session_id=${CHECKOUT_SESSION_ID}`;
const CANCEL_URL = `https://shop.example/pricing?checkout_session_id=${CHECKOUT_SESSION_ID}`;

/** `location` and `history` of a page opened at `/checkout/<handle>[?query]#<secret>`, recording what is done to them. */
function createFakePage(hash = `#${SECRET}`, search = '') {
  const events: string[] = [];
  const location = { hash, pathname: '/checkout/handle123', search, assign: vi.fn((url: string) => void events.push(`assign ${url}`)) };
  const history = {
    replaceState: vi.fn((_state: unknown, _unused: string, url?: string | URL | null) => {
      events.push(`replaceState ${url}`);
      location.hash = '';
    }),
  };
  return { location, history, events };
}

function renderRedirect(session = aSession()) {
  return renderCheckout(session, { mode: 'redirect' });
}

async function payInRedirectDisplay() {
  const rendered = renderRedirect();
  await screen.findByRole('heading', { name: 'Acme AI' });
  fillValidForm();
  fireEvent.click(payButton());
  return rendered;
}

afterEach(() => vi.useRealTimers());

describe('takeSecretFromFragment', () => {
  it('returns the secret and removes the fragment from the address bar and history', () => {
    const { location, history } = createFakePage();
    expect(takeSecretFromFragment(location, history)).toBe(SECRET);
    expect(history.replaceState).toHaveBeenCalledExactlyOnceWith(null, '', '/checkout/handle123');
  });

  it('keeps the query string', () => {
    const { location, history } = createFakePage(`#${SECRET}`, '?utm_source=mail');
    takeSecretFromFragment(location, history);
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/checkout/handle123?utm_source=mail');
  });

  it('returns null and leaves history alone without a fragment', () => {
    const { location, history } = createFakePage('');
    expect(takeSecretFromFragment(location, history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('removes an empty fragment too, but finds no secret in it', () => {
    const { location, history } = createFakePage('#');
    expect(takeSecretFromFragment(location, history)).toBeNull();
    expect(history.replaceState).toHaveBeenCalledOnce();
  });
});

describe('startRedirectCheckout', () => {
  const roots: Element[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) {
      render(null, root);
      root.remove();
    }
    document.head.replaceChildren();
    delete document.documentElement.dataset.theme;
  });

  function start(page: ReturnType<typeof createFakePage>, withMeta = true) {
    if (withMeta) {
      document.head.innerHTML =
        '<meta name="till-parent-origin" content="https://shop.example">' +
        `<meta name="till-checkout-session" content="${CHECKOUT_SESSION_ID}">`;
    }
    const root = document.body.appendChild(document.createElement('div'));
    roots.push(root);
    const fetch = vi.fn(async (input: string, init: RequestInit) => {
      page.events.push(`fetch ${input} ${(init.headers as Record<string, string>).Authorization}`);
      return new Response(JSON.stringify(aSession()), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    const started = startRedirectCheckout(root, { ...page, document, fetch, locales: ['en-US'] });
    return { started, fetch };
  }

  it('removes the fragment before anything else, then loads the session with the secret as a bearer token', async () => {
    const page = createFakePage();
    const { started } = start(page);
    expect(started).toBe(true);
    expect(await screen.findByRole('heading', { name: 'Acme AI' })).toBeTruthy();
    expect(page.events).toEqual(['replaceState /checkout/handle123', `fetch /api/checkout/session Bearer ${SECRET}`]);
  });

  it('looks as the loader asked in the query, as a framed checkout does with its init', async () => {
    const page = createFakePage(`#${SECRET}`, '?theme=dark&locale=de-DE');
    start(page);
    await screen.findByRole('heading', { name: 'Acme AI' });
    expect(document.documentElement.dataset.theme).toBe('dark');
    // The merchant's locale wins over the browser's en-US: German words and German number formatting.
    expect(screen.getByRole('button', { name: /bezahlen$/ }).textContent).toMatch(/19,00/);
    expect(document.documentElement.lang).toBe('de-DE');
    expect(page.events[0]).toBe('replaceState /checkout/handle123?theme=dark&locale=de-DE');
  });

  it('keeps the browser’s locale and the system theme when the query names none', async () => {
    start(createFakePage());
    await screen.findByRole('heading', { name: 'Acme AI' });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(payButton().textContent).toMatch(/19\.00/);
  });

  it('does nothing without a secret, so the page can say to open it from the merchant’s site', () => {
    const page = createFakePage('');
    const { started, fetch } = start(page);
    expect(started).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
    expect(page.history.replaceState).not.toHaveBeenCalled();
  });

  it('still removes the fragment when the page lacks its session tags, and says the checkout is unavailable', async () => {
    const page = createFakePage();
    const { fetch } = start(page, false);
    expect(await screen.findByRole('heading', { name: 'This checkout is unavailable' })).toBeTruthy();
    expect(page.history.replaceState).toHaveBeenCalledOnce();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('redirect display', () => {
  it('offers a visible way back to the merchant that goes to cancel_url', async () => {
    const { location, api } = renderRedirect();
    await screen.findByRole('heading', { name: 'Acme AI' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel and return to Acme AI' }));
    expect(location.assign).toHaveBeenCalledExactlyOnceWith(CANCEL_URL);
    expect(api.complete).not.toHaveBeenCalled();
  });

  it('does not let the customer leave while the payment is processing', async () => {
    const rendered = renderRedirect();
    const payment = deferred<CompletedCheckout>();
    rendered.api.complete.mockReturnValueOnce(payment.promise);
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    fireEvent.click(payButton());

    const cancel = screen.getByRole('button', { name: 'Cancel and return to Acme AI' });
    await waitFor(() => expect(cancel.hasAttribute('disabled')).toBe(true));
    fireEvent.click(cancel);
    expect(rendered.location.assign).not.toHaveBeenCalled();
    await act(async () => payment.resolve(aCompletedCheckout));
  });

  it('shows the success screen, then goes to success_url with the session id when Done is pressed', async () => {
    const { location } = await payInRedirectDisplay();
    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeTruthy();
    expect(screen.getByText('Taking you back to Acme AI…')).toBeTruthy();
    expect(location.assign).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(location.assign).toHaveBeenCalledExactlyOnceWith(SUCCESS_URL);
  });

  it('goes to success_url on its own after three seconds, and only once', async () => {
    const rendered = renderRedirect();
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(payButton());
    await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
    expect(screen.getByRole('heading', { name: 'Payment successful' })).toBeTruthy();

    expect(RETURN_AFTER_SUCCESS_MS).toBe(3000);
    vi.advanceTimersByTime(RETURN_AFTER_SUCCESS_MS - 1);
    expect(rendered.location.assign).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(rendered.location.assign).toHaveBeenCalledExactlyOnceWith(SUCCESS_URL);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(rendered.location.assign).toHaveBeenCalledOnce();
  });

  it('ignores Escape, which has no dialog to close here', async () => {
    const { location } = renderRedirect();
    await screen.findByRole('heading', { name: 'Acme AI' });
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(location.assign).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Acme AI' })).toBeTruthy();
  });

  it.each([
    ['expired', 'This checkout has expired'],
    ['completed', 'This checkout is already complete'],
  ] as const)('offers a return to the merchant’s cancel_url from the %s screen', async (status, heading) => {
    const { location } = renderRedirect(aSession({ status }));
    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Return to Acme AI' }));
    expect(location.assign).toHaveBeenCalledExactlyOnceWith(CANCEL_URL);
  });

  it('offers the return too when the session expires while paying', async () => {
    const rendered = renderRedirect();
    rendered.api.complete.mockRejectedValueOnce(apiError(410, 'session_expired'));
    await screen.findByRole('heading', { name: 'Acme AI' });
    fillValidForm();
    fireEvent.click(payButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Return to Acme AI' }));
    expect(rendered.location.assign).toHaveBeenCalledExactlyOnceWith(CANCEL_URL);
  });

  it('shows no return button on the not-found screen, which knows no session to return to', async () => {
    renderCheckout(() => Promise.reject(apiError(401, 'invalid_session_secret')), { mode: 'redirect' });
    expect(await screen.findByRole('heading', { name: 'Checkout not found' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows no return buttons when framed, where the loader’s dialog does the closing', async () => {
    renderCheckout(aSession({ status: 'expired' }));
    await screen.findByRole('heading', { name: 'This checkout has expired' });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows no cancel control when framed', async () => {
    renderCheckout();
    await screen.findByRole('heading', { name: 'Acme AI' });
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
  });
});

describe('appearanceFromQuery', () => {
  it('reads theme, accent colour and locale, and nothing else', () => {
    expect(appearanceFromQuery('?theme=dark&accentColor=%23ffd400&locale=de&secret=css_x&utm_source=mail')).toEqual({
      theme: 'dark',
      accentColor: '#ffd400',
      locale: 'de',
    });
  });

  it('leaves out empty and missing fields, so the defaults apply', () => {
    expect(appearanceFromQuery('?theme=&locale=')).toEqual({});
    expect(appearanceFromQuery('')).toEqual({});
  });
});

describe('withCheckoutSessionId', () => {
  it.each([
    ['https://shop.example/', 'https://shop.example/?checkout_session_id=cs_1'],
    ['https://shop.example', 'https://shop.example/?checkout_session_id=cs_1'],
    ['https://shop.example/done?', 'https://shop.example/done?checkout_session_id=cs_1'],
    ['https://shop.example/done?q=a%20b&flag', 'https://shop.example/done?q=a%20b&flag&checkout_session_id=cs_1'],
    ['https://shop.example/done?plan=pro#receipt', 'https://shop.example/done?plan=pro&checkout_session_id=cs_1#receipt'],
  ])('adds the session id to %s, keeping its own query as written', (url, expected) => {
    expect(withCheckoutSessionId(url, 'cs_1')).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', '/relative', 'not a url'])('refuses %s', (url) => {
    expect(withCheckoutSessionId(url, 'cs_1')).toBeNull();
  });

  it('leaves the page for nothing but an http(s) URL', () => {
    const location = { assign: vi.fn() };
    createRedirectLink(location).returnTo('javascript:alert(1)', 'cs_1');
    expect(location.assign).not.toHaveBeenCalled();
  });
});
