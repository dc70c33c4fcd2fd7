import { authHandlers } from './handlers/auth';
import { paymentHandlers } from './handlers/payments';
import { paymentActionHandlers } from './handlers/payment-actions';
import { appHandlers } from './handlers/app';
import { riskHandlers } from './handlers/risk';
import { syncHandlers } from './handlers/sync';
import { reconHandlers } from './handlers/recon';
import { auditHandlers } from './handlers/audit';
import { largeValueHandlers } from './handlers/large-value';
import { riskRulesHandlers } from './handlers/risk-rules';
import { bulkHandlers } from './handlers/bulk';
import { operatorAdminHandlers } from './handlers/operator-admin';
import { blindVerifyHandlers } from './handlers/blind-verify';
import { liquidityHandlers } from './handlers/liquidity';
import { operatorLimitsHandlers } from './handlers/operator-limits';
import { templateHandlers } from './handlers/templates';
import { messageHandlers } from './handlers/messages';
import { centreBankHandlers } from './handlers/centre-bank';
import { centreHandlers } from './handlers/centre';

/** The whole renderer<->main contract. Each area adds its file and one spread line here. */
export const handlers = {
  ...authHandlers,
  ...paymentHandlers,
  ...paymentActionHandlers,
  ...appHandlers,
  ...riskHandlers,
  ...syncHandlers,
  ...reconHandlers,
  ...auditHandlers,
  ...largeValueHandlers,
  ...riskRulesHandlers,
  ...bulkHandlers,
  ...operatorAdminHandlers,
  ...blindVerifyHandlers,
  ...liquidityHandlers,
  ...operatorLimitsHandlers,
  ...templateHandlers,
  ...messageHandlers,
  ...centreBankHandlers,
  ...centreHandlers,
} as const;
