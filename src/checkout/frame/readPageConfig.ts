/** What the server injects into <head> for this checkout. */
export interface PageConfig {
  /** Exact origin of the merchant page allowed to frame us. */
  parentOrigin: string;
  /** Not secret: it names the session, the secret arrives later over the loader's port. */
  checkoutSessionId: string;
}

/** Reads the server-injected meta tags; null when either is missing, e.g. the built page opened without the server. */
export function readPageConfig(doc: Document): PageConfig | null {
  const read = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || null;
  const parentOrigin = read('till-parent-origin');
  const checkoutSessionId = read('till-checkout-session');
  if (!parentOrigin || !checkoutSessionId) return null;
  return { parentOrigin, checkoutSessionId };
}
