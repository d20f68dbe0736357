import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirInUseError } from './DataDirInUseError';

/** The lock's file, inside the directory it locks (PGlite creates its files beside it, and ignores it). */
export const LOCK_FILE = 'till.lock';

/** The directories this process holds (by their real path), and their lock files: released at exit if not before. */
const held = new Map<string, string>();

/**
 * Makes `dataDir` this process's alone until the returned release is called: a lock file in it, created atomically,
 * holding this process's id. PGlite's files say nothing of who has them open, and two processes each running their
 * own Postgres over them (a second server, or the CLI beside a running one) each serve their own view and corrupt
 * the files. A second open of the same directory in this process is refused too: nothing here opens one twice, and
 * it would be the same two Postgres in one process.
 *
 * A lock left behind never blocks a restart: one whose process is gone (a server killed with SIGKILL) is taken over,
 * and so is one holding this very process's id that this process does not hold (a container restarted as pid 1).
 * Two processes taking over the same stale lock at the same instant can still both win (the check and the takeover
 * are two steps); each reads its id back from the file after writing it, which leaves that only the narrowest window.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const directory = realpathSync(dataDir);
  if (held.has(directory)) throw new DataDirInUseError(dataDir, process.pid);
  const lockFile = join(directory, LOCK_FILE);
  for (let attempt = 1; ; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      if (holderOf(lockFile) === process.pid) break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(lockFile);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      // Stale, or holding no id (a process killed between creating the file and writing it): taken over.
      rmSync(lockFile, { force: true });
    }
    // Another process took the lock between these steps, again and again: it is in use.
    if (attempt === 3) throw new DataDirInUseError(dataDir, holderOf(lockFile));
  }
  if (held.size === 0) process.on('exit', releaseAll);
  held.set(directory, lockFile);
  return () => {
    if (held.get(directory) !== lockFile) return;
    held.delete(directory);
    if (held.size === 0) process.off('exit', releaseAll);
    release(lockFile);
  };
}

/** The id in a lock file, or undefined if it is gone or holds none. */
function holderOf(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether process `pid` runs. Signal 0 only checks: ESRCH, no such process; EPERM, another user's, alive. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a lock file if it is still this process's (never one a later process took over). */
function release(lockFile: string) {
  if (holderOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
}

/** At exit, whatever is still held: a server that ends without closing its store leaves no lock behind. */
function releaseAll() {
  for (const lockFile of held.values()) release(lockFile);
  held.clear();
}
