import { CHECKOUT_SESSION_HEADER } from '../../protocol/api/checkoutSessionHeader';

/**
 * The headers that authorise the checkout API: the secret, in the Authorization header only (a URL ends up in logs,
 * history and Referer headers), and beside it the id of the page's own session, so the server refuses a secret of
 * another session (a tampered token).
 */
export const sessionAuth = (secret: string, pageSessionId: string) => ({ Authorization: `Bearer ${secret}`, [CHECKOUT_SESSION_HEADER]: pageSessionId });
