import { readEncryptionKey } from './encryption/secretBox';
import { LOG_LEVELS, type LogFormat, type LogLevel } from './logging/createLogger';
import { DEFAULT_RATE_LIMITS, parseRateLimit, type RateLimits } from './rateLimits/rateLimitSettings';

export interface ServerConfig {
  port: number;
  /** The `base` inside every token: where loaders find the checkout. Always ends with `/`. */
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  apiKey?: string;
  shopPort: number;
  /** `TILL_ENV=development` (and always the demo): webhooks may go to loopback addresses, over http too. */
  development: boolean;
  /** `TILL_WEBHOOK_TIMEOUT_MS`: how long one webhook attempt may take; 10 s. */
  webhookTimeoutMs: number;
  /** `TILL_LOG_LEVEL`: `info` (a line per request) unless told; `debug` adds health probes, `silent` nothing. */
  logLevel: LogLevel;
  /** `TILL_LOG_FORMAT`: `json` lines unless told `pretty` (the demo's). */
  logFormat: LogFormat;
  /** `TILL_RATE_LIMIT_PAYMENT_ATTEMPTS`, `TILL_RATE_LIMIT_PROMOTION_CODES`, `TILL_RATE_LIMIT_API_KEY`, `TILL_RATE_LIMIT_CHECKOUT_ADDRESS`: see `DEFAULT_RATE_LIMITS`. */
  rateLimits: RateLimits;
  /** `TILL_TRUSTED_PROXIES`: how many proxies in front append to `X-Forwarded-For` (a load balancer: 1); 0. */
  trustedProxies: number;
  /**
   * `TILL_ENCRYPTION_KEY`: 32 random bytes in base64 (`openssl rand -base64 32`), the AES-256-GCM key that seals
   * merchants' Stripe keys in the store. Without it the server takes no Stripe keys (the test processor still
   * works); losing or changing it makes stored keys unreadable, so keep it as the database's backups are kept.
   */
  encryptionKey?: Buffer;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = readPort('PORT', env.PORT, 3000);
  return {
    port,
    publicUrl: readPublicUrl(env.PUBLIC_URL || `http://localhost:${port}/`),
    // Set but empty (a compose file's `${DATA_DIR}`) is unset, not PGlite in memory, which would keep nothing.
    dataDir: env.DATA_DIR || '.till-data',
    databaseUrl: env.DATABASE_URL || undefined,
    apiKey: readDemoApiKey(env.TILL_API_KEY),
    shopPort: readPort('SHOP_PORT', env.SHOP_PORT, 4000),
    development: env.TILL_ENV === 'development',
    webhookTimeoutMs: readTimeout(env.TILL_WEBHOOK_TIMEOUT_MS),
    logLevel: readChoice('TILL_LOG_LEVEL', env.TILL_LOG_LEVEL, LOG_LEVELS, 'info'),
    logFormat: readChoice('TILL_LOG_FORMAT', env.TILL_LOG_FORMAT, ['json', 'pretty'] as const, 'json'),
    rateLimits: {
      paymentAttempts: readRateLimit('TILL_RATE_LIMIT_PAYMENT_ATTEMPTS', env, DEFAULT_RATE_LIMITS.paymentAttempts),
      promotionCodeAttempts: readRateLimit('TILL_RATE_LIMIT_PROMOTION_CODES', env, DEFAULT_RATE_LIMITS.promotionCodeAttempts),
      apiKey: readRateLimit('TILL_RATE_LIMIT_API_KEY', env, DEFAULT_RATE_LIMITS.apiKey),
      checkoutAddress: readRateLimit('TILL_RATE_LIMIT_CHECKOUT_ADDRESS', env, DEFAULT_RATE_LIMITS.checkoutAddress),
    },
    trustedProxies: readTrustedProxies(env.TILL_TRUSTED_PROXIES),
    encryptionKey: readEncryptionKey(env.TILL_ENCRYPTION_KEY),
  };
}

/**
 * A TCP port, 0 (any free one, as tests ask) to 65535; unset or empty is `fallback`: a compose file's `${PORT}` with
 * nothing set is empty, which `Number` read as 0.
 */
function readPort(name: string, value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new Error(`${name} must be a port from 0 to 65535, not '${value}'.`);
  return port;
}

/** An http(s) base URL without query or fragment, ending in `/`: tokens and checkout URLs are made from it. */
function readPublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not repeated: a URL may hold credentials.
    throw new Error('PUBLIC_URL must be an absolute http(s) URL, such as https://till.example.com/.');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new Error('PUBLIC_URL must be an http(s) URL without a query, a fragment or credentials.');
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function readRateLimit(name: string, env: NodeJS.ProcessEnv, fallback: RateLimits[keyof RateLimits]) {
  const value = env[name];
  return value ? parseRateLimit(name, value) : fallback;
}

function readTrustedProxies(value: string | undefined): number {
  if (!value) return 0;
  if (!/^\d$/.test(value)) throw new Error(`TILL_TRUSTED_PROXIES must be the number of proxies in front of the server, 0 to 9, not '${value}'.`);
  return Number(value);
}

function readChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (!value) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${choices.join(', ')}, not '${value}'.`);
  return value as T;
}

/** A timeout that would make every attempt fail (0, NaN) or never end stops the server at start, not silently later. */
function readTimeout(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 60_000) {
    throw new Error(`TILL_WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000, not '${value}'.`);
  }
  return ms;
}

/** The demo merchant is a test-mode merchant, so the key pinned for it must be a test key. */
function readDemoApiKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^sk_test_[\x21-\x7e]{8,200}$/.test(value)) {
    throw new Error("TILL_API_KEY must be a test key: 'sk_test_' and 8 to 200 printable characters, without spaces.");
  }
  return value;
}
