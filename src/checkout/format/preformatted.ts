/**
 * The server's formats of the first view's values, which the format functions look up before they call `Intl`: a
 * renderer's first `Intl` formatter costs 20–60 ms, in the first render, before the first field (issue 13). Keyed as
 * src/server/checkout/preformatView.ts describes; whatever is not here is formatted as before.
 */
export const preformatted: Record<string, string | undefined> = {};
