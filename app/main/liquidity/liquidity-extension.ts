import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { LIQUIDITY_MIGRATIONS } from './liquidity-migrations';

/**
 * Plugs liquidity management into the console back end: its tables (0050-0059). It runs before
 * the sync extension, whose pull stores the `liquidity` change and whose outbox carries the
 * approved changes.
 */
export function createLiquidityExtension(): BackendExtension {
  return (services) => {
    migrate(services.db, LIQUIDITY_MIGRATIONS);
  };
}
