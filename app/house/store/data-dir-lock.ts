import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'hankou-house.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else - still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live process holding the directory's lock (this one included), if any. */
export function liveLockOwner(dataDir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const ownerPid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(ownerPid) && ownerPid > 0 && isAlive(ownerPid) ? ownerPid : undefined;
}

/**
 * One house process per data directory. PGlite keeps a postmaster.pid with a fake pid (-42),
 * so it cannot tell a live owner from a killed one, and after SIGKILL the file stays. We keep a
 * lock file of our own holding our real pid, created with O_EXCL: if it exists and its pid is
 * alive, refuse to open; if its pid is dead, the previous owner was killed, so its lock and
 * PGlite's postmaster.pid are stale and are removed before PGlite starts.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(ownerPid) && ownerPid > 0 && ownerPid !== process.pid && isAlive(ownerPid)) {
        throw new Error(`data directory ${dataDir} is in use by process ${ownerPid}`);
      }
      rmSync(lockPath, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    // We own the directory now, so any postmaster.pid is left over from a killed process.
    const postmasterPid = join(dataDir, 'postmaster.pid');
    if (existsSync(postmasterPid)) rmSync(postmasterPid, { force: true });
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      },
    };
  }
  throw new Error(`could not take the lock on ${dataDir}`);
}
