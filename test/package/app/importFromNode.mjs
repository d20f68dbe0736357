// Run by Node in the temporary app: what an ES module gets from the package, on a server.
import { open, preload, TillError } from '@till-checkout/js';
import * as preact from '@till-checkout/js/preact';
import * as react from '@till-checkout/js/react';

const result = await open('token').result;
console.log(JSON.stringify({
  resolved: import.meta.resolve('@till-checkout/js'),
  exports: { open: typeof open, preload: typeof preload, TillError: typeof TillError, preact: typeof preact.useCheckout, react: typeof react.useCheckout },
  result: { type: result.type, code: result.error.code, isTillError: result.error instanceof TillError },
}));
