/**
 * The header in which the checkout app names the session of the page it runs in (its `till-checkout-session` meta).
 * With it, the checkout API refuses the secret of any other session as `invalid_session_secret`. A file of its own,
 * so the app takes this name without the route schemas.
 */
export const CHECKOUT_SESSION_HEADER = 'Till-Checkout-Session';
