/** Code in a chunk of its own: `load()` fetches it once (again after a failure), `current` is it once loaded. */
export interface LazyPart<T> {
  load(): Promise<T>;
  readonly current: T | undefined;
}

/**
 * What the first screen of most checkouts does not show stays out of the first load, which the frame must fetch,
 * parse and run before the customer can type. The app awaits `load()` before it renders anything of the part, so
 * components read `current` synchronously and nothing pops in or shifts. A chunk that fails to load rejects, and
 * the next `load()` tries again (a deploy may have replaced it, or the network come back).
 */
export function lazyPart<T>(load: () => Promise<T>): LazyPart<T> {
  let loading: Promise<T> | undefined;
  let current: T | undefined;
  return {
    load: () =>
      (loading ??= load().then(
        (part) => (current = part),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
    get current() {
      return current;
    },
  };
}
