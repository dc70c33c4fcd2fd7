import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendExtension } from '../backend-services';
import type { SecretBox } from '../secrets/secret-box';
import { backupConsoleStore } from './console-backup';

/** Daily backups kept in <data>/backups; older ones are deleted after each new one. */
export const DAILY_BACKUPS_KEPT = 7;
export const BACKUP_DIR = 'backups';
/** How often the console looks whether today's backup is made (it also looks at start). */
export const BACKUP_CHECK_MS = 60 * 60 * 1000;
const FILE_PATTERN = /^console-(\d{4}-\d{2}-\d{2})\.hkbak$/;

/** The day a backup belongs to: Beijing's calendar date (UTC+8, no daylight saving). */
export function backupDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function dailyBackupFile(dataDir: string, day: string): string {
  return join(dataDir, BACKUP_DIR, `console-${day}.hkbak`);
}

/** The daily backups in dataDir, newest first. */
export function listDailyBackups(dataDir: string): string[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => FILE_PATTERN.test(name))
    .sort()
    .reverse()
    .map((name) => join(dir, name));
}

export interface DailyBackupOptions {
  dataDir: string;
  box: SecretBox;
  keep?: number;
  checkEveryMs?: number;
  /** Called after each attempt (tests wait on it). */
  onAttempt?: (outcome: { made?: string; skipped?: 'exists'; error?: Error }) => void;
}

/**
 * The console's own daily backup: at start and every hour, if today (Beijing) has no backup
 * yet, one is made with SQLite's online backup and sealed like the house link; then only the
 * newest seven are kept. A failure is logged and retried at the next check, never thrown into
 * the console.
 */
export function createDailyBackupExtension(options: DailyBackupOptions): BackendExtension {
  const keep = options.keep ?? DAILY_BACKUPS_KEPT;
  return (services) => {
    let running: Promise<void> | undefined;
    let closed = false;
    const check = (): Promise<void> => {
      running ??= (async () => {
        const day = backupDay(services.now());
        const file = dailyBackupFile(options.dataDir, day);
        if (existsSync(file)) {
          options.onAttempt?.({ skipped: 'exists' });
          return;
        }
        try {
          const made = await backupConsoleStore(services.db, options.box, file, services.now);
          for (const old of listDailyBackups(options.dataDir).slice(keep)) rmSync(old, { force: true });
          services.log(`backup: ${file} (${made.bytes} bytes, audit head ${made.auditHead.count}); keeping the newest ${keep}`);
          options.onAttempt?.({ made: file });
        } catch (error) {
          services.log(`backup: the daily backup failed, retried within the hour: ${(error as Error).message}`);
          options.onAttempt?.({ error: error as Error });
        }
      })().finally(() => {
        running = undefined;
      });
      return running;
    };
    const start = setTimeout(() => {
      if (!closed) void check();
    }, 0);
    const timer = setInterval(() => void check(), options.checkEveryMs ?? BACKUP_CHECK_MS);
    timer.unref();
    return async () => {
      closed = true;
      clearTimeout(start);
      clearInterval(timer);
      await running;
    };
  };
}

/**
 * The daily backup for a host whose box can seal without asking anyone (the OS keychain, or a
 * passphrase already given): a host that would have to prompt mid-run gets none, and says so.
 */
export function dailyBackupIfSealable(dataDir: string, box: SecretBox, log: (line: string) => void, canSeal = box.sealKind() !== null): BackendExtension[] {
  if (canSeal) return [createDailyBackupExtension({ dataDir, box })];
  log('backup: daily backups are OFF: no OS keychain and no passphrase to seal them with (set HANKOU_PASSPHRASE)');
  return [];
}
