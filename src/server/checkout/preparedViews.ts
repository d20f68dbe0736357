import type { CheckoutView } from '../../protocol/api/checkout/checkoutView';
import { statusOf, type CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Queryable } from '../store/Database';
import { describeCheckout } from './describeCheckout';

export interface PreparedViewsOptions {
  /** How long a prepared view waits for the app's request; default 10 s, more than a slow phone takes to load the app. */
  ttlMs?: number;
  /** At most this many waiting at once; the oldest gives way. Default 1000. */
  max?: number;
  now?: () => number;
}

interface Prepared {
  /** The row the view was made from, as JSON: the view is given only for the same row. */
  row: string;
  view: Promise<CheckoutView | null>;
  expiresAt: number;
}

/**
 * Issue 13: the checkout page's request starts the description of its session, so the app's first
 * `GET /api/checkout/session` (which comes only after the app has loaded and the loader has sent the secret) finds it
 * made. The view is keyed by the secret's hash, which the page's URL already names; it is handed out only to the
 * request that presents the secret (the caller has checked it), once, and only while the session's row is the one it
 * was made from, so a change in between (the customer's, the merchant's, an expiry) is never answered with the old
 * view. The status is decided again at that moment, as the clock may have passed `expires_at`. The merchant's name,
 * logo and plans are read when the page is requested, like the page's `img-src`, which the logo must match. Each server
 * process keeps its own: a request that reaches another simply describes the session itself.
 */
export function createPreparedViews(db: Queryable, { ttlMs = 10_000, max = 1000, now = Date.now }: PreparedViewsOptions = {}) {
  const prepared = new Map<string, Prepared>();

  const sweep = (at: number) => {
    for (const [hash, entry] of prepared) if (entry.expiresAt <= at) prepared.delete(hash);
  };

  return {
    /** Starts describing `session` unless a view of the same row is already waiting. Never rejects. */
    prepare(session: CheckoutSessionRow): void {
      const at = now();
      sweep(at);
      const row = JSON.stringify(session);
      if (prepared.get(session.secret_hash)?.row === row) return;
      if (prepared.size >= max) prepared.delete(prepared.keys().next().value!);
      // A failure here is the app's request's to meet: it then describes the session itself.
      const view = describeCheckout(db, session).catch(() => null);
      prepared.set(session.secret_hash, { row, view, expiresAt: at + ttlMs });
    },

    /** The view prepared from exactly this row, once; null when there is none, it is stale, or it failed. */
    async take(session: CheckoutSessionRow): Promise<CheckoutView | null> {
      const entry = prepared.get(session.secret_hash);
      if (!entry) return null;
      prepared.delete(session.secret_hash);
      if (entry.expiresAt <= now() || entry.row !== JSON.stringify(session)) return null;
      const view = await entry.view;
      return view && { ...view, status: statusOf(session) };
    },
  };
}

export type PreparedViews = ReturnType<typeof createPreparedViews>;
