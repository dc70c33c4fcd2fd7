import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { BULK_MIGRATIONS } from './migrations';

/** Plugs bulk import into the console back end: its tables (0040-0049). Local work only. */
export function createBulkExtension(): BackendExtension {
  return (services) => {
    migrate(services.db, BULK_MIGRATIONS);
  };
}
