import type { Migration } from '../../store/migration';
import { migration as m0030 } from './0030-create-recon-sessions';
import { migration as m0031 } from './0031-recon-line-reviewed';

/** The reconciliation workspace's migrations (range 0030-0039), applied by its extension. */
export const RECON_MIGRATIONS: readonly Migration[] = [m0030, m0031];
