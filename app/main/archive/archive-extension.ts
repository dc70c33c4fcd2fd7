import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { ARCHIVE_MIGRATIONS } from './migrations/index';
import { archiveConsolePayments, consoleArchiveDir, DEFAULT_ARCHIVE_WINDOW_DAYS } from './console-archive';

/** How often the console looks for days that left the window (it also looks at start). */
export const ARCHIVE_CHECK_MS = 60 * 60 * 1000;

export interface ArchiveExtensionOptions {
  dataDir: string;
  /** Days of payments kept in the store; 0 turns archiving off (the tables still exist). */
  windowDays: number;
  checkEveryMs?: number;
  /** Called after each run (tests wait on it). */
  onRun?: (outcome: { archived: number; error?: Error }) => void;
}

/**
 * The console's payment archive: its tables (0080-0089), and at start and every hour the days
 * older than the window moved to <data>/archive/payments. A failure is logged and retried at
 * the next check, never thrown into the console.
 */
export function createArchiveExtension(options: ArchiveExtensionOptions): BackendExtension {
  return (services) => {
    migrate(services.db, ARCHIVE_MIGRATIONS);
    if (options.windowDays <= 0) return undefined;
    const run = () => {
      try {
        const result = archiveConsolePayments(services.db, { archiveDir: consoleArchiveDir(options.dataDir), windowDays: options.windowDays, now: services.now });
        for (const day of result.archived) services.log(`archive: ${day.businessDate}: ${day.payments} payments -> ${day.location}`);
        for (const day of result.kept) services.log(`archive: ${day.businessDate} is past the ${options.windowDays}-day window but ${day.open} payments may still change; kept`);
        options.onRun?.({ archived: result.archived.length });
      } catch (error) {
        services.log(`archive: the run failed, retried within the hour: ${(error as Error).message}`);
        options.onRun?.({ archived: 0, error: error as Error });
      }
    };
    const start = setTimeout(run, 0);
    const timer = setInterval(run, options.checkEveryMs ?? ARCHIVE_CHECK_MS);
    timer.unref();
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
  };
}

/**
 * The window a host runs with: HANKOU_ARCHIVE_WINDOW_DAYS (0 turns it off), else 90 days, or
 * off for the demo bank, whose generated history (160 working days) is there to be browsed.
 */
export function archiveWindowFor(demo: boolean, env: Record<string, string | undefined>): number {
  const raw = env.HANKOU_ARCHIVE_WINDOW_DAYS;
  if (raw !== undefined && raw !== '') {
    const days = Number(raw);
    if (!Number.isInteger(days) || days < 0) throw new Error(`HANKOU_ARCHIVE_WINDOW_DAYS must be a whole number of days (0: off), got ${raw}`);
    return days;
  }
  return demo ? 0 : DEFAULT_ARCHIVE_WINDOW_DAYS;
}
