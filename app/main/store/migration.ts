import type { Db } from './open-database';

/**
 * One schema step. `version` is the NNNN of its file name; ranges are owned by area:
 * 0001-0009 console core, 0010-0019 sync, 0020-0029 risk, 0030-0039 reconciliation, 0040-0049 bulk import.
 * `up` runs inside a transaction the runner opens; it must not open its own.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
