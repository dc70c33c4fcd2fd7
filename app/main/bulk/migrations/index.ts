import type { Migration } from '../../store/migration';
import { migration as m0040 } from './0040-create-bulk-batches';

/** Bulk import's migrations (range 0040-0049), applied by its extension and by `hankou import`. */
export const BULK_MIGRATIONS: readonly Migration[] = [m0040];
