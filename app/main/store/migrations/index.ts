import type { Migration } from '../migration';
import { migration as m0001 } from './0001-create-settings-and-participants';
import { migration as m0002 } from './0002-create-operators';
import { migration as m0003 } from './0003-create-audit-log';
import { migration as m0004 } from './0004-create-payments';
import { migration as m0005 } from './0005-create-blotter-indexes';
import { migration as m0006 } from './0006-create-alerts';
import { migration as m0007 } from './0007-allow-held-payments';
import { migration as m0008 } from './0008-rename-alerts-to-notices';
import { migration as m0009 } from './0009-bill-counterparty';
import { migration as m0070 } from './0070-centre-console';

/**
 * Every migration of the console store, one import and one entry each. Ranges: 0001-0009 console
 * core, 0010-0019 sync, 0020-0029 risk, 0030-0039 reconciliation. Append yours below.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  // 0070-0079: the clearing centre's features at the bank console (TOTP, directory, broadcasts).
  m0070,
];
