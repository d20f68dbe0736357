/** The session secret inside a `checkout_session_token`, for tests that check where it travels. */
export const secretOf = (token: string): string => JSON.parse(Buffer.from(token, 'base64').toString()).secret;
