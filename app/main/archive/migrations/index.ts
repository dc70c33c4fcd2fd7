import type { Migration } from '../../store/migration';
import { migration as m0080 } from './0080-create-payment-archive';

/** The payment archive's migrations (range 0080-0089), applied by its extension and by `hankou console archive`. */
export const ARCHIVE_MIGRATIONS: readonly Migration[] = [m0080];
