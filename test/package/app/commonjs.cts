// A CommonJS module: the `require` condition, typed by the .d.cts files.
import till = require('@till-checkout/js');
import hooks = require('@till-checkout/js/react');

export const handle: till.CheckoutHandle = till.open('token', { display: 'redirect' });
export const useCheckout: typeof hooks.useCheckout = hooks.useCheckout;

// @ts-expect-error: the token is a string
till.open(42);
