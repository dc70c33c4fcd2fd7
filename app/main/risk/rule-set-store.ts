import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { DecisionBands } from '../../shared/risk/rules/decision-bands';
import type { RuleParamsInput } from '../../shared/risk/rules/rule-params';
import { approveRuleSet, proposeRuleSet, type RuleSet, ruleSetSchema } from '../../shared/risk/rules/rule-set';

/** Rule-set versions in SQLite: proposed by one officer, in force once a second approves. */

interface Row {
  version: number;
  params: string;
  bands: string;
  author: string;
  created_at: string;
  approver: string | null;
  approved_at: string | null;
  note: string;
}

const sql = preparedOnce((db) => ({
  latest: db.prepare<[], Row>('SELECT * FROM risk_rule_sets ORDER BY version DESC LIMIT 1'),
  byVersion: db.prepare<[number], Row>('SELECT * FROM risk_rule_sets WHERE version = ?'),
  inForce: db.prepare<[], Row>('SELECT * FROM risk_rule_sets WHERE approver IS NOT NULL ORDER BY version DESC LIMIT 1'),
  all: db.prepare<[], Row>('SELECT * FROM risk_rule_sets ORDER BY version DESC'),
  insert: db.prepare(
    `INSERT INTO risk_rule_sets (version, params, bands, author, created_at, approver, approved_at, note)
     VALUES (@version, @params, @bands, @author, @createdAt, NULL, NULL, @note)`,
  ),
  approve: db.prepare('UPDATE risk_rule_sets SET approver = ?, approved_at = ? WHERE version = ? AND approver IS NULL'),
}));

/** Stored rows are re-validated: a row that no longer parses is corruption, and throws. */
function toRuleSet(row: Row): RuleSet {
  return ruleSetSchema.parse({
    version: row.version,
    params: JSON.parse(row.params),
    bands: JSON.parse(row.bands),
    author: row.author,
    createdAt: row.created_at,
    approver: row.approver,
    approvedAt: row.approved_at,
    note: row.note,
  });
}

export interface ProposeRulesInput {
  params: RuleParamsInput;
  bands: DecisionBands;
  author: string;
  at: string;
  note: string;
}

/** Stores a new version (latest + 1), not yet in force. The JSON kept is the input as given. */
export function proposeRules(db: Db, input: ProposeRulesInput): RuleSet {
  return db.transaction(() => {
    const latest = sql(db).latest.get();
    const proposed = proposeRuleSet(latest === undefined ? null : { version: latest.version }, input);
    if (!proposed.ok) throw new UserError('invalid_rules', `rule set refused: ${proposed.message}`, `规则配置无效：${proposed.message}`);
    const set = proposed.ruleSet;
    sql(db).insert.run({ version: set.version, params: JSON.stringify(input.params), bands: JSON.stringify(input.bands), author: set.author, createdAt: set.createdAt, note: set.note });
    appendAudit(db, { at: input.at, actor: input.author, action: 'risk.rules.propose', entity: 'risk_rule_set', entityId: String(set.version), detail: { note: set.note } });
    return set;
  })();
}

/** Approves a proposed version; refuses its author and a version already approved. */
export function approveRules(db: Db, input: { version: number; approver: string; at: string }): RuleSet {
  return db.transaction(() => {
    const row = sql(db).byVersion.get(input.version);
    if (row === undefined) throw new UserError('not_found', `no rule set version ${input.version}`, `规则版本 ${input.version} 不存在`);
    const result = approveRuleSet(toRuleSet(row), input.approver, input.at);
    if (!result.ok) throw new UserError(result.code, result.message.en, result.message.zh);
    const changed = sql(db).approve.run(input.approver, input.at, input.version).changes;
    if (changed !== 1) throw new Error(`approveRules: version ${input.version} changed under us`);
    appendAudit(db, { at: input.at, actor: input.approver, action: 'risk.rules.approve', entity: 'risk_rule_set', entityId: String(input.version), detail: { author: row.author } });
    return result.ruleSet;
  })();
}

/** The highest approved version, or null before any approval (then nothing is scored). */
export function rulesInForce(db: Db): RuleSet | null {
  const row = sql(db).inForce.get();
  return row === undefined ? null : toRuleSet(row);
}

export function listRuleSets(db: Db): RuleSet[] {
  return sql(db).all.all().map(toRuleSet);
}
