import { mayCall, type HandlerName } from '../../shared/contract';
import type { ConsoleRole as Role } from '../../shared/domain/operator';

export const SCREENS = ['entry', 'verify', 'blotter', 'alerts', 'risk', 'inbound', 'messages', 'liquidity', 'recon', 'audit', 'largeValue', 'riskRules', 'liquidityManagement', 'queueManagement', 'bulk', 'templates', 'broadcasts', 'users', 'account', 'centreDashboard', 'centreProposals', 'centreBroadcasts', 'centreStops', 'centreReports', 'centreOperators'] as const;
export type Screen = (typeof SCREENS)[number];

/**
 * The handler a screen cannot work without: a screen is listed (side nav, F-key) only for those
 * the contract lets call it, so the menu says what the back end would allow and never offers a
 * screen that answers "not allowed".
 */
const GATE: Readonly<Record<Screen, HandlerName>> = {
  entry: 'payments.capture',
  verify: 'payments.verificationQueue',
  blotter: 'payments.page',
  alerts: 'notices.list',
  risk: 'risk.alerts.page',
  inbound: 'payments.page',
  // 查询查复: those who handle messages between banks (clerks, supervisors).
  messages: 'messages.inbox',
  liquidity: 'payments.page',
  recon: 'recon.sessions.list',
  audit: 'audit.page',
  largeValue: 'risk.largeValue.page',
  riskRules: 'risk.rules.list',
  liquidityManagement: 'liquidity.state',
  bulk: 'bulk.batches.list',
  templates: 'templates.list',
  queueManagement: 'liquidity.queue',
  broadcasts: 'broadcasts.list',
  users: 'operators.list',
  account: 'auth.changePassword',
  // The clearing centre's screens (centre mode): only centre roles may call these handlers.
  centreDashboard: 'centre.dashboard',
  centreProposals: 'centre.proposals.list',
  centreBroadcasts: 'centre.broadcasts.list',
  // 止付: every centre role looks payments up; only operators and supervisors stop (the screen says so).
  centreStops: 'centre.payments.lookup',
  centreReports: 'centre.reports.settlementCsv',
  // 操作员管理: every centre role reads the list; the buttons follow centre.operators.create.
  centreOperators: 'centre.operators.list',
};

export function canSee(roles: readonly Role[], screen: Screen): boolean {
  return mayCall(roles, GATE[screen]);
}

export function screensFor(roles: readonly Role[]): Screen[] {
  return SCREENS.filter((s) => canSee(roles, s));
}

/**
 * Each role's main screen, by the role's work: the first that applies wins, so a clerk who is
 * also a supervisor starts on the queue waiting for them rather than on a blank voucher.
 */
const HOME_BY_ROLE: readonly (readonly [Role, Screen])[] = [
  ['supervisor', 'verify'],
  ['clerk', 'entry'],
  ['risk', 'risk'],
  ['recon', 'recon'],
  ['auditor', 'audit'],
  ['admin', 'users'],
  // The centre watches first: the dashboard is every centre role's main screen.
  ['centre-supervisor', 'centreDashboard'],
  ['centre-operator', 'centreDashboard'],
  ['centre-auditor', 'centreDashboard'],
];

export function homeScreen(roles: readonly Role[]): Screen {
  for (const [role, screen] of HOME_BY_ROLE) if (roles.includes(role)) return screen;
  return 'alerts';
}

/**
 * Where a sign-in lands: the same person signing in again (after an idle timeout) comes back to
 * the screen they were on if they may see it; anyone else starts on their own main screen.
 */
export function screenAfterSignIn(roles: readonly Role[], current: Screen, sameOperator: boolean): Screen {
  return sameOperator && canSee(roles, current) ? current : homeScreen(roles);
}
