import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { ORIGIN_HOST } from '../../protocol/api/fields';
import type { PreparedViews } from '../checkout/preparedViews';
import type { CheckoutSessionRow } from '../sessions/checkoutSessionRow';
import type { Database } from '../store/Database';
import { scriptHashSource } from './scriptHashSource';

const escapeAttribute = (value: string) =>
  value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * What `img-src` must add for the merchant's logo, and no more: `data:` for an inline logo, the origin of an https
 * one (never http, so the page never loads mixed content), nothing without a logo. The store keeps logos of
 * those two kinds only (migration 004), but its check lets a host hold `;` or `,`, which the URL parser keeps and
 * which would end `img-src` early and begin a directive of the logo's choosing: such a logo gets no source.
 */
export function logoSource(logoUrl: string | null): string | null {
  if (logoUrl?.startsWith('data:image/')) return 'data:';
  if (!logoUrl?.startsWith('https://')) return null;
  try {
    const url = new URL(logoUrl);
    return ORIGIN_HOST.test(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * What Stripe's security guide asks a page that runs Stripe.js to allow: its script, its iframes (the Payment
 * Element, and the 3-D Secure challenge `handleNextAction` shows) and its API. Only the pages of sessions whose
 * merchant takes payments through Stripe get them. Google Maps, which the guide lists too, is for the Address
 * Element's autocomplete, which the checkout does not use.
 */
export const STRIPE_SOURCES = {
  script: 'https://js.stripe.com https://*.js.stripe.com',
  frame: 'https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com',
  connect: 'https://api.stripe.com',
};

/**
 * Everything the page may load comes from us (and the merchant's logo, and Stripe's sources for a Stripe session);
 * only the session's own merchant may frame it.
 */
function checkoutPageHeaders(frameAncestor: string, imageSource: string | null = null, stripe = false, inlineScripts = ''): Record<string, string> {
  const and = (sources: string) => (stripe ? ` ${sources}` : '');
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `script-src 'self'${inlineScripts}${and(STRIPE_SOURCES.script)}`,
      "style-src 'self'",
      `img-src 'self'${imageSource ? ` ${imageSource}` : ''}`,
      `connect-src 'self'${and(STRIPE_SOURCES.connect)}`,
      ...(stripe ? [`frame-src ${STRIPE_SOURCES.frame}`] : []),
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${frameAncestor}`,
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

interface PageTemplate {
  html: string;
  /** The `script-src` sources of its inline scripts, each by its hash: the boot script (vite.config.ts), no other. */
  inlineScripts: string;
}

/** The built index.html, and what its CSP must allow of it. */
function readPageTemplate(appDir: string): PageTemplate {
  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
    .map(([, source]) => ` ${scriptHashSource(source!)}`)
    .join('');
  return { html, inlineScripts };
}

/** The session behind a page's handle with what its headers need of the merchant, in one query by the unique hash. */
async function findCheckoutPage(db: Database, secretHash: string) {
  const [found] = await db.query<CheckoutSessionRow & { page_logo_url: string | null; page_processor: string | null }>(
    `SELECT s.*, m.logo_url AS page_logo_url, p.processor AS page_processor
       FROM checkout_sessions s JOIN merchants m USING (merchant_id) LEFT JOIN merchant_processors p USING (merchant_id)
      WHERE s.secret_hash = $1`,
    [secretHash],
  );
  if (!found) return null;
  const { page_logo_url: logoUrl, page_processor: processor, ...session } = found;
  return { session: session as CheckoutSessionRow, logoUrl, processor };
}

/**
 * `GET /checkout/:handle`, the page inside the iframe. The handle is the hash of the session secret, so the
 * URL carries nothing that opens the session; the secret arrives later over the handshake's port. The page starts
 * describing its session (`preparedViews`), which the app's API hands out once the secret is presented.
 */
export function checkoutPage(db: Database, appDir: string, preparedViews: PreparedViews) {
  let template: PageTemplate | undefined;
  const readTemplate = () => (template ??= readPageTemplate(appDir));

  return new Hono().get('/:handle', async (c) => {
    const found = await findCheckoutPage(db, c.req.param('handle'));
    if (!found) {
      return c.text('This checkout does not exist.', 404, checkoutPageHeaders("'none'"));
    }
    const { session, logoUrl, processor } = found;
    // Once this answer is written: describing the session takes several queries, which the page must not wait for.
    setImmediate(() => preparedViews.prepare(session));
    const parentOrigin = new URL(session.origin_url).origin;
    const meta =
      `<meta name="till-parent-origin" content="${escapeAttribute(parentOrigin)}">` +
      `<meta name="till-checkout-session" content="${escapeAttribute(session.checkout_session_id)}">`;
    const { html, inlineScripts } = readTemplate();
    return c.html(
      // Before the first script, the boot script, which reads them as the page is parsed. A function, not a string: `$&`,
      // `$'` or `` $` `` in a replacement string would splice the template into the tag.
      html.replace('<script', () => `${meta}<script`),
      200,
      checkoutPageHeaders(parentOrigin, logoSource(logoUrl), processor === 'stripe', inlineScripts),
    );
  });
}
