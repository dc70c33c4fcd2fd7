/**
 * Every handler name of the renderer<->main contract, as plain strings. Kept free of zod so the
 * Electron preload (which exposes exactly one method per name) bundles small. A test asserts
 * this list equals the keys of `handlers`; add a name here when you add a handler.
 */
export const HANDLER_NAMES = [
  'auth.login',
  'auth.logout',
  'session.current',
  'session.touch',
  'operators.list',
  'operators.unlock',
  'participants.list',
  'payments.capture',
  'payments.verify',
  'payments.rejectDraft',
  'payments.verificationQueue',
  'payments.get',
  'payments.page',
  'payments.count',
  'app.status',
  'alerts.list',
  'alerts.ack',
  'risk.alerts.page',
  'risk.alerts.get',
  'risk.alerts.decide',
  'risk.alerts.assign',
  'risk.desk.status',
  'risk.settings.set',
  'risk.cases.list',
  'risk.cases.get',
  'risk.cases.open',
  'risk.cases.addAlert',
  'risk.cases.note',
  'risk.cases.close',
  'risk.cases.attach',
  'risk.cases.attachment',
  'sync.liquidity',
  'recon.sessions.list',
  'recon.sessions.open',
  'recon.sessions.get',
  'recon.sessions.import',
  'recon.sessions.autoMatch',
  'recon.sessions.match',
  'recon.sessions.unmatch',
  'recon.sessions.writeOff',
  'recon.sessions.approveWriteOff',
  'recon.sessions.carryForward',
  'recon.sessions.note',
  'recon.sessions.close',
] as const;

/** Push events from main to the renderer; a test asserts this equals the keys of `events`. */
export const EVENT_NAMES = ['alert', 'status', 'payments.changed', 'session.ended'] as const;
