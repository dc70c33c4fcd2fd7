import type { HandlerName } from '../shared/contract';
import type { HandlerImpls } from './handler-context';
import { authImpls } from './auth/handlers';
import { paymentActionImpls, paymentImpls } from './payments/handlers';
import { appImpls } from './status/handlers';
import { riskImpls } from './risk/handlers';
import { syncImpls } from './sync/handlers';
import { reconImpls } from './reconciliation/handlers';
import { auditImpls } from './audit/handlers';
import { largeValueImpls } from './risk/large-value-handlers';
import { riskRulesImpls } from './risk/risk-rules-handlers';
import { bulkImpls } from './bulk/handlers';
import { operatorAdminImpls } from './auth/operator-admin-handlers';
import { blindVerifyImpls } from './payments/blind-verify-handlers';
import { liquidityImpls } from './liquidity/handlers';
import { archiveImpls } from './archive/handlers';
import { operatorLimitsImpls } from './auth/operator-limits-handlers';
import { templateImpls } from './bulk/template-handlers';
import { messageImpls } from './messages/handlers';
import { centreBankImpls } from './centre/broadcast-handlers';
import { centreImpls } from './centre/handlers';

/**
 * Every handler's implementation. Typed against the contract, so a handler added to
 * app/shared/contract without an implementation here fails the type check. Each area adds its
 * file and one spread line.
 */
export const handlerImpls: HandlerImpls<HandlerName> = {
  ...authImpls,
  ...paymentImpls,
  ...paymentActionImpls,
  ...appImpls,
  ...riskImpls,
  ...syncImpls,
  ...reconImpls,
  ...auditImpls,
  ...largeValueImpls,
  ...riskRulesImpls,
  ...bulkImpls,
  ...operatorAdminImpls,
  ...blindVerifyImpls,
  ...liquidityImpls,
  ...archiveImpls,
  ...operatorLimitsImpls,
  ...templateImpls,
  ...messageImpls,
  ...centreBankImpls,
  ...centreImpls,
};
