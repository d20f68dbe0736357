// Run by Node in the temporary app: what a CommonJS module gets from the package, on a server.
const till = require('@till-checkout/js');
const preact = require('@till-checkout/js/preact');
const react = require('@till-checkout/js/react');

till.open('token').result.then((result) => {
  console.log(JSON.stringify({
    resolved: require.resolve('@till-checkout/js'),
    exports: { open: typeof till.open, preload: typeof till.preload, TillError: typeof till.TillError, preact: typeof preact.useCheckout, react: typeof react.useCheckout },
    result: { type: result.type, code: result.error.code, isTillError: result.error instanceof till.TillError },
  }));
});
