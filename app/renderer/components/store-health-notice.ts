import type { StoreHealthState } from '../../shared/contract/handlers/app';

/**
 * The status bar's red notice for a store that refuses writes, as an i18n key; undefined when
 * healthy (or not yet known), so a healthy bar shows nothing new.
 */
export function storeHealthNoticeKey(health: StoreHealthState | undefined): string | undefined {
  switch (health) {
    case 'full':
      return 'status.store.full';
    case 'read_only':
      return 'status.store.read_only';
    case 'io_error':
      return 'status.store.io_error';
    default:
      return undefined;
  }
}
