/**
 * Closes servers and the store on Ctrl-C or a stop signal, in order, so PGlite flushes its files
 * before the process ends.
 */
export function closeOnSignal(...closers: (() => Promise<void>)[]): void {
  const shutdown = async () => {
    for (const close of closers) await close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
