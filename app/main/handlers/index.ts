import type { HandlerName } from '../../shared/contract';
import type { HandlerImpls } from './handler-context';
import { authImpls } from './auth-handlers';
import { paymentImpls } from './payment-handlers';
import { paymentActionImpls } from './payment-action-handlers';
import { appImpls } from './app-handlers';
import { riskImpls } from '../risk/risk-handlers';
import { syncImpls } from './sync-handlers';
import { reconImpls } from '../reconciliation/recon-handlers';
import { auditImpls } from './audit-handlers';
import { largeValueImpls } from '../risk/large-value-handlers';
import { riskRulesImpls } from '../risk/risk-rules-handlers';
import { bulkImpls } from '../bulk/bulk-handlers';
import { liquidityImpls } from '../liquidity/handlers';

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
  ...liquidityImpls,
};

/** Handlers that count as operator activity for the idle timeout (reads and polls do not). */
export const ACTIVITY_HANDLERS: ReadonlySet<string> = new Set([
  'session.touch',
  'payments.capture',
  'payments.verify',
  'payments.rejectDraft',
  'payments.requestCancel',
  'payments.requestReturn',
  'payments.requestReprioritise',
  'notices.ack',
  'operators.unlock',
  'risk.alerts.decide',
  'risk.alerts.assign',
  'risk.cases.open',
  'risk.cases.note',
  'risk.cases.attach',
  'recon.sessions.open',
  'recon.sessions.import',
  'recon.sessions.autoMatch',
  'recon.sessions.match',
  'recon.sessions.unmatch',
  'recon.sessions.writeOff',
  'recon.sessions.approveWriteOff',
  'recon.sessions.carryForward',
  'recon.sessions.note',
  'recon.sessions.close',
  'audit.verify',
  'audit.export',
  'risk.largeValue.generate',
  'risk.largeValue.export',
  'risk.largeValue.markFiled',
  'risk.rules.propose',
  'risk.rules.approve',
  'risk.rules.reject',
  'bulk.import',
  'bulk.lines.fix',
  'bulk.lines.drop',
  'bulk.batches.verify',
  'liquidity.propose',
  'liquidity.approve',
  'liquidity.reject',
  'payments.requestReorder',
]);
