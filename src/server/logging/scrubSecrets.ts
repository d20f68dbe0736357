/**
 * What must never reach a log, by its shape, wherever it turns up in a line (an error's message, a stack, a value a
 * client sent): the most specific patterns first, so an API key is not half-taken for a card number.
 */
const SECRET_PATTERNS: [RegExp, string][] = [
  // API keys and checkout session secrets (src/server/secrets.ts).
  [/\b(sk|rk|css)_(test|live)_[\w-]+/g, '$1_$2_[redacted]'],
  // Webhook signing secrets (Standard Webhooks).
  [/\bwhsec_[A-Za-z0-9+/=]+/g, 'whsec_[redacted]'],
  [/\bBearer\s+[^\s;,"']+/gi, 'Bearer [redacted]'],
  // A checkout token: base64 of `{"secret":…`.
  [/eyJzZWNyZXQi[A-Za-z0-9+/=]*/g, '[checkout token]'],
  [/[^\s@<>()[\]"'`,;:]+@[^\s@<>()[\]"'`,;:]+\.[A-Za-z]{2,}/g, '[email]'],
  // 12 to 19 digits, as card numbers are typed (spaces or dashes between groups): a long id is masked too, which is
  // the safe mistake to make.
  [/(?<!\d)(?:\d[ -]?){11,18}\d(?!\d)/g, '[card number]'],
];

/** Field names whose values are secret or personal whatever they look like (a CVC is three digits). */
const SECRET_KEYS = /^(authorization|cookie|set-cookie|card|cvc|secret|secrets|api_?key|password|token|checkout_session_token|email)$/i;

/** `text` with every key, secret, token, email address and card number in it replaced by a marker. */
export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((scrubbed, [pattern, marker]) => scrubbed.replace(pattern, marker), text);
}

/**
 * A copy of a log line's fields with secrets taken out: strings scrubbed, secret-named fields replaced, at any depth.
 * Errors are left to the logger's `err` serializer, which keeps only their scrubbed type, message and stack.
 */
export function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (depth > 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = SECRET_KEYS.test(key) ? '[redacted]' : scrubFields(field, depth + 1);
  }
  return copy;
}

/**
 * An error as a log line carries it: its type, scrubbed message and stack, and a string `code`. Nothing else: a
 * database error's other fields (`detail`, `where`, the query's parameters) quote the values it was sent.
 */
export function serializeError(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubSecrets(String(error)) };
  const serialized: Record<string, string> = { type: error.name, message: scrubSecrets(error.message) };
  if (error.stack) serialized.stack = scrubSecrets(error.stack);
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') serialized.code = scrubSecrets(code);
  return serialized;
}
