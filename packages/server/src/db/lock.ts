import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export type Lock = { release: () => void };

export class DatabaseLockedError extends Error {
  constructor(lockPath: string, owner: number, dataDir: string) {
    super(
      `The database in ${dataDir} is already open in process ${owner}. ` +
        `Stop that process first (or set DATABASE_URL to use PostgreSQL for several processes). ` +
        `If no such process runs, delete ${lockPath}.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/**
 * PGlite has no lock of its own: two processes opening one folder corrupt it. The lock file is
 * created exclusively and holds the owner's pid; a lock whose pid no longer runs (after a crash
 * or SIGKILL) is taken over.
 */
export function acquireLock(lockPath: string, dataDir: string): Lock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // already gone
        }
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new DatabaseLockedError(lockPath, owner, dataDir);
      }
      if (owner === process.pid) throw new DatabaseLockedError(lockPath, owner, dataDir);
      unlinkSync(lockPath); // stale: the owner died without releasing
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
