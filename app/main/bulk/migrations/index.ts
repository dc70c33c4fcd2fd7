import type { Migration } from '../../store/migration';
import { migration as m0040 } from './0040-create-bulk-batches';
import { migration as m0041 } from './0041-create-payment-templates';

/** Bulk import's migrations (range 0040-0049), applied by its extension and by `hankou import`. */
export const BULK_MIGRATIONS: readonly Migration[] = [m0040, m0041];
