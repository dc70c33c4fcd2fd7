import type { Migration } from '../store/migration';
import { migration as m0050 } from './migrations/0050-create-liquidity';

/** Liquidity management's migrations (range 0050-0059), applied by its extension. */
export const LIQUIDITY_MIGRATIONS: readonly Migration[] = [m0050];
