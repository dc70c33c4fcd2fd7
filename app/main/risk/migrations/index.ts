import type { Migration } from '../../store/migration';
import { migration as m0020 } from './0020-create-risk-rule-sets';
import { migration as m0021 } from './0021-create-risk-alerts';
import { migration as m0022 } from './0022-create-large-value-reports';
import { migration as m0023 } from './0023-index-payments-by-debtor';
import { migration as m0024 } from './0024-create-risk-settings';
import { migration as m0025 } from './0025-create-risk-case-attachments';
import { migration as m0026 } from './0026-create-risk-rule-set-rejections';

/**
 * The risk area's migrations (range 0020-0029), all in this folder beside the code that owns
 * their tables. Applied by the risk extension; callers and tests migrate with
 * [...MIGRATIONS, ...RISK_MIGRATIONS].
 */
export const RISK_MIGRATIONS: readonly Migration[] = [m0020, m0021, m0022, m0023, m0024, m0025, m0026];
