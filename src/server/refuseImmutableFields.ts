import { TillApiError } from './TillApiError';

/**
 * A field that cannot change after creation, sent to a `PATCH`, is refused with what to do instead, rather than
 * as an unknown parameter: the merchant knows the field, and should learn why it is fixed.
 */
export function refuseImmutableFields(body: unknown, fields: readonly string[], instead: string) {
  if (typeof body !== 'object' || body === null) return;
  const field = fields.find((name) => Object.hasOwn(body, name));
  if (field) throw new TillApiError('validation_error', `'${field}' cannot be changed: ${instead}`, field);
}
