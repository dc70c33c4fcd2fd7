import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { getSetting } from '../settings/settings';
import { MESSAGE_MIGRATIONS } from './migrations';
import { noticeOverdue } from './thread-store';

/** How often open inquiries are checked against their reply time: a minute late at most. */
export const OVERDUE_CHECK_MS = 30_000;

/**
 * Plugs messages between banks into the console back end: its tables (0060-0069) and the
 * overdue check of inquiries (查复超时), which raises one notice per late inquiry.
 */
export function createMessagesExtension(options: { overdueCheckMs?: number } = {}): BackendExtension {
  return (services) => {
    migrate(services.db, MESSAGE_MIGRATIONS);
    const check = (): void => {
      const selfId = getSetting(services.db, 'self_participant');
      if (selfId === undefined) return;
      try {
        for (const notice of noticeOverdue(services.db, selfId, services.now())) services.emit('notice', notice);
      } catch (error) {
        services.log(`messages: overdue check failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    check();
    const timer = setInterval(check, options.overdueCheckMs ?? OVERDUE_CHECK_MS);
    timer.unref();
    return () => clearInterval(timer);
  };
}
