/// <reference types="@till-checkout/js/global" />
// A merchant's page using the installed package. Each @ts-expect-error marks a call that must not compile: if
// `open` (or the global) were `any`, the directive would be unused and the type-check would fail on it.
import { open, preload, TillError, type CheckoutResult, type TillErrorCode } from '@till-checkout/js';

preload('https://till.example.com/');

declare const token: string;

async function subscribe(button: HTMLButtonElement): Promise<string> {
  const checkout = open(token, {
    display: 'modal',
    trigger: button,
    onSuccess: ({ connectionId, creditsAdded }) => console.log(connectionId.toUpperCase(), creditsAdded),
  });
  checkout.addEventListener('step', (event) => console.log(event.detail.step satisfies 'payment' | 'processing' | 'success' | 'ended'));
  const result: CheckoutResult = await checkout.result;
  if (result.type !== 'error') return result.type;
  const code: TillErrorCode = result.error.code;
  return code === 'not_in_browser' ? 'rendered on a server' : result.error.message;
}

export function callsThatMustNotCompile() {
  // @ts-expect-error: display is 'modal', 'inline' or 'redirect'
  open(token, { display: 'popup' });
  // @ts-expect-error: the token is a string
  open(42);
  // @ts-expect-error: the base is the checkout server's address, as text
  preload(new URL('https://till.example.com/'));
  // @ts-expect-error: not a TillErrorCode
  new TillError('card_declined', 'Declined.');
  // @ts-expect-error: the script tag's open takes the same options
  window.Till.open(token, { display: 'popup' });
}

// The script tag's global, typed by the package's /global entry.
export function openFromScriptTag(): typeof open {
  window.Till.open(token, { display: 'redirect' }).close();
  Till.unbindCheckoutLinks?.();
  return Till.open;
}

document.querySelector<HTMLButtonElement>('#subscribe')?.addEventListener('click', (event) => {
  subscribe(event.currentTarget as HTMLButtonElement).then(console.log);
});
