/**
 * Reads the session secret from the fragment of a `checkout_url` (`/checkout/<handle>#<secret>`) and removes the
 * fragment from the address bar and the history entry at once, before anything else runs: a secret left there
 * could be bookmarked, synced, shared in a screenshot, or read back with the Back button. The fragment itself
 * never reached a server or a Referer header. Returns null when there is no secret.
 */
export function takeSecretFromFragment(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
): string | null {
  const secret = location.hash.slice(1);
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return secret || null;
}
