import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { RECON_MIGRATIONS } from './migrations/index';

/**
 * Plugs the reconciliation workspace into the console back end: its tables (0030-0039). All
 * of its work is local to the console store, so it needs nothing from the house.
 */
export function createReconExtension(): BackendExtension {
  return (services) => {
    migrate(services.db, RECON_MIGRATIONS);
  };
}
