import { authHandlers } from './handlers/auth';
import { paymentHandlers } from './handlers/payments';
import { appHandlers } from './handlers/app';
import { riskHandlers } from './handlers/risk';
import { syncHandlers } from './handlers/sync';
import { reconHandlers } from './handlers/recon';
import { auditHandlers } from './handlers/audit';
import { largeValueHandlers } from './handlers/large-value';

/** The whole renderer<->main contract. Each area adds its file and one spread line here. */
export const handlers = {
  ...authHandlers,
  ...paymentHandlers,
  ...appHandlers,
  ...riskHandlers,
  ...syncHandlers,
  ...reconHandlers,
  ...auditHandlers,
  ...largeValueHandlers,
} as const;
