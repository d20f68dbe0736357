/** At most `max` hits in a window of `windowMs`, which starts at the first hit. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Each limit, or null where it is switched off (`off`). */
export interface RateLimits {
  /** `POST /api/checkout/complete` per checkout session: card testing through one session. */
  paymentAttempts: RateLimit | null;
  /** `PATCH /api/checkout/session` with a `promotion_code`, per checkout session: guessing the merchant's codes. */
  promotionCodeAttempts: RateLimit | null;
  /** Merchant API requests per API key. */
  apiKey: RateLimit | null;
  /** Checkout API requests per client address (the session secret's guessers included). */
  checkoutAddress: RateLimit | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * - 10 payment attempts per session in 24 hours: a session lives at most 24 hours, so it can never try more than
 *   10 cards (a customer who needs more is sent through a new session);
 * - 20 promotion codes tried per session in 24 hours: a customer mistypes one a few times, a guesser tries thousands;
 * - 6,000 requests a minute per API key (100 a second, Stripe's default);
 * - 300 checkout API requests a minute per client address: a customer's checkout makes a handful, and many
 *   customers can share one address behind a NAT.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  paymentAttempts: { max: 10, windowMs: 24 * HOUR },
  promotionCodeAttempts: { max: 20, windowMs: 24 * HOUR },
  apiKey: { max: 6000, windowMs: MINUTE },
  checkoutAddress: { max: 300, windowMs: MINUTE },
};

const UNIT_MS = { s: 1000, m: MINUTE, h: HOUR } as const;
/** The longest window: a counter's row lives that long, and a session's whole life is 24 hours. */
const MAX_WINDOW_MS = 24 * HOUR;

/** `<max>/<count><s|m|h>` (`10/24h`, `6000/1m`), or `off`; what is wrong is said at start, with the variable's name. */
export function parseRateLimit(name: string, value: string): RateLimit | null {
  if (value === 'off') return null;
  const match = /^([1-9]\d{0,8})\/([1-9]\d{0,5})([smh])$/.exec(value);
  const windowMs = match ? Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS] : 0;
  if (!match || windowMs > MAX_WINDOW_MS) {
    throw new Error(`${name} must be a number of requests per window of at most 24 hours, such as '10/24h' or '6000/1m', or 'off'; not '${value}'.`);
  }
  return { max: Number(match[1]), windowMs };
}

/** A window as people say it: `24 hours`, `1 minute`, `90 seconds`. */
export function describeWindow(windowMs: number): string {
  const [count, unit] =
    windowMs % HOUR === 0 ? [windowMs / HOUR, 'hour'] : windowMs % MINUTE === 0 ? [windowMs / MINUTE, 'minute'] : [windowMs / 1000, 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
