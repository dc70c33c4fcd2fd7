import type { BackendExtension } from '../backend-services';
import { migrate } from '../store/migrate';
import { preparedOnce, type Db } from '../store/open-database';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../../shared/risk/rules/default-rules';
import { RISK_MIGRATIONS } from './migrations/index';
import { riskGate } from './risk-flow';
import { seedDemoLargeValue } from './large-value-demo';
import { approveRules, listRuleSets, proposeRules } from './rule-set-store';
import { type LoadedLists, loadConsoleLists, resolveSanctionsSources, type ResolvedSources } from './sanctions-sources';

/**
 * Plugs risk into the console back end: its migrations, the sanctions lists (services.risk),
 * the demo rule set, and the risk gate, step 1 of the verify pipeline (a held payment never
 * reaches the outbox step).
 */
export interface RiskExtensionOptions {
  /** The demo console: seed an approved rule set (risk1 proposes, risk2 approves) on first start. */
  demo?: boolean;
  /** Where the lists come from; default resolveSanctionsSources(process.env). */
  sources?: ResolvedSources;
}

/** What the risk handlers need beyond the store, per console. */
export interface RiskRuntime {
  lists: LoadedLists;
}

/** The risk runtime the handlers use; the back end always installs the risk extension. */
export function riskRuntime(services: { risk: RiskRuntime | null }): RiskRuntime {
  if (services.risk === null) throw new Error('the risk extension is not installed on this console back end');
  return services.risk;
}

/** The demo's rule authors: two different officers, as four-eyes requires. */
export const DEMO_RULE_AUTHOR = 'risk1';
export const DEMO_RULE_APPROVER = 'risk2';

const sql = preparedOnce((db) => ({
  operatorExists: db.prepare<[string], number>('SELECT count(*) FROM operators WHERE username = ?').pluck(),
}));

/** First demo start: the default rules, proposed by risk1 and approved by risk2 (both audited). */
export function seedDemoRules(db: Db, at: string): boolean {
  if (listRuleSets(db).length > 0) return false;
  if (sql(db).operatorExists.get(DEMO_RULE_AUTHOR) !== 1 || sql(db).operatorExists.get(DEMO_RULE_APPROVER) !== 1) return false;
  proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author: DEMO_RULE_AUTHOR, at, note: 'demo: default rules (docs/risk.md)' });
  approveRules(db, { version: 1, approver: DEMO_RULE_APPROVER, at });
  return true;
}

export function createRiskExtension(options: RiskExtensionOptions = {}): BackendExtension {
  return (services) => {
    const { db, log } = services;
    migrate(db, RISK_MIGRATIONS);
    const at = services.now().toISOString();
    if (options.demo === true && seedDemoRules(db, at)) log(`risk: demo rule set v1 proposed by ${DEMO_RULE_AUTHOR}, approved by ${DEMO_RULE_APPROVER}`);
    if (options.demo === true) {
      const reports = seedDemoLargeValue(db, at);
      if (reports > 0) log(`risk: demo large-value reports generated: ${reports}`);
    }
    const lists = loadConsoleLists(options.sources ?? resolveSanctionsSources(), at, log);
    services.risk = { lists };
    const removeGate = services.verify.setRiskGate(
      riskGate({
        screener: lists.screener,
        // Without approved rules the lists still hold a matching payment; rules need two officers.
        whenNoRules: 'screen_only',
        onStopped: ({ paymentId, alert, outcome }) =>
          services.raiseNotice(
            outcome === 'held'
              ? {
                  severity: 'warning',
                  message: `Payment ${paymentId} is held for risk review (score ${alert.totalScore}).`,
                  messageZh: `支付 ${paymentId} 已暂停，待风险审查（评分 ${alert.totalScore}）。`,
                  paymentId,
                }
              : {
                  severity: 'error',
                  message: `Payment ${paymentId} was rejected by the risk rules (score ${alert.totalScore}).`,
                  messageZh: `支付 ${paymentId} 被风险规则拒绝（评分 ${alert.totalScore}）。`,
                  paymentId,
                },
          ),
      }),
    );
    return () => {
      removeGate();
      services.risk = null;
    };
  };
}
