import { formatAmount, formatAmountGrouped, tryParseAmount } from '../../../shared/money';
import type { DecisionBands } from '../../../shared/risk/rules/decision-bands';
import type { RuleParamsInput } from '../../../shared/risk/rules/rule-params';
import type { Role } from '../../../shared/domain/operator';
import { PAYMENT_KINDS } from '../../../shared/domain/payment';
import { CUSTOMER_TYPES } from '../../../shared/risk/rules/risk-input';
import { mayCall } from '../../../shared/contract/handler-access';

/**
 * The rule set as rows the officer reads and edits: one row per parameter (rule, parameter,
 * value), amounts shown with thousands separators. Pure, so the screen and its tests share it.
 */
export const canReadRules = (roles: readonly Role[]) => mayCall(roles, 'risk.rules.list');
export const canChangeRules = (roles: readonly Role[]) => mayCall(roles, 'risk.rules.propose');

export type FieldKind = 'amount' | 'score' | 'int' | 'ratio' | 'bool' | 'text' | 'list';

export interface RuleField {
  /** Path into {params, bands}: ['params', 'velocity', 'windowMinutes'] or ['bands', 'review']. */
  path: (string | number)[];
  key: string;
  rule: string;
  /** The parameter's name (last non-index path element) and the tier/threshold number when in a list. */
  param: string;
  index: number | null;
  /** For a tier: the field inside it (atLeast, score...). */
  sub: string | null;
  kind: FieldKind;
  /** As the officer reads it: "1,000,000.00", "是/否" left to the screen, lists joined with ", ". */
  text: string;
}

const AMOUNT_KEYS = new Set(['atLeast', 'amountAtLeast', 'minAmount', 'multipleOf', 'thresholds']);
const SCORE_KEYS = new Set(['score', 'highRiskScore', 'reviewScore', 'holdScore']);
const RATIO_KEYS = new Set(['reviewAt', 'holdAt']);

function kindOf(name: string, value: unknown): FieldKind {
  if (typeof value === 'boolean') return 'bool';
  if (AMOUNT_KEYS.has(name)) return 'amount';
  if (SCORE_KEYS.has(name)) return 'score';
  if (RATIO_KEYS.has(name)) return 'ratio';
  if (typeof value === 'number') return 'int';
  return 'text';
}

/**
 * The values a coded field may take, in the order the read view lists them: a tier's payment
 * kind and customer type are chosen (全部 / 个人 / 单位), never typed as raw codes.
 */
export function choicesOf(field: Pick<RuleField, 'sub'>): readonly string[] | null {
  if (field.sub === 'kind') return ['any', ...PAYMENT_KINDS];
  if (field.sub === 'customerType') return ['any', ...CUSTOMER_TYPES];
  return null;
}

/** "50000.00" -> "50,000.00"; unparseable text as it stands. */
export function groupAmount(wire: string): string {
  const parsed = tryParseAmount(wire, 'CNY');
  return parsed.ok ? formatAmountGrouped(parsed.amountMinor, 'CNY') : wire;
}

function display(kind: FieldKind, value: unknown): string {
  if (kind === 'amount') return groupAmount(String(value));
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Every parameter of the rule set plus the three bands, in the rules' order. */
export function ruleFields(params: RuleParamsInput, bands: DecisionBands): RuleField[] {
  const fields: RuleField[] = [];
  const push = (path: (string | number)[], rule: string, param: string, index: number | null, sub: string | null, value: unknown) => {
    const kind = Array.isArray(value) ? 'list' : kindOf(sub ?? param, value);
    fields.push({ path, key: path.join('.'), rule, param, index, sub, kind, text: display(kind, value) });
  };
  for (const [rule, ruleParams] of Object.entries(params) as [string, Record<string, unknown>][]) {
    for (const [param, value] of Object.entries(ruleParams)) {
      if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null)) {
        value.forEach((item: Record<string, unknown>, i) => {
          for (const [sub, v] of Object.entries(item)) push(['params', rule, param, i, sub], rule, param, i, sub, v);
        });
      } else if (Array.isArray(value) && AMOUNT_KEYS.has(param)) {
        value.forEach((v, i) => push(['params', rule, param, i], rule, param, i, null, v));
      } else {
        push(['params', rule, param], rule, param, null, null, value);
      }
    }
  }
  for (const band of ['review', 'hold', 'reject'] as const) push(['bands', band], 'bands', band, null, null, bands[band]);
  return fields;
}

export type FieldCheck = { ok: true; value: unknown } | { ok: false; error: 'amount' | 'number' | 'range' };

/** What a typed text means for a field, checked as the officer types (the back end checks again). */
export function checkField(field: Pick<RuleField, 'kind'>, text: string): FieldCheck {
  const trimmed = text.trim();
  switch (field.kind) {
    case 'amount': {
      // Thousands separators are for reading: "1,000,000.00" is typed as easily as "1000000".
      const parsed = tryParseAmount(trimmed.replace(/[,，\s]/g, ''), 'CNY');
      if (!parsed.ok || parsed.amountMinor <= 0n) return { ok: false, error: 'amount' };
      return { ok: true, value: formatAmount(parsed.amountMinor, 'CNY') };
    }
    case 'score':
    case 'int': {
      if (!/^\d{1,7}$/.test(trimmed)) return { ok: false, error: 'number' };
      const n = Number(trimmed);
      if (field.kind === 'score' && n > 100) return { ok: false, error: 'range' };
      return { ok: true, value: n };
    }
    case 'ratio': {
      if (!/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(trimmed)) return { ok: false, error: 'range' };
      return { ok: true, value: Number(trimmed) };
    }
    case 'bool':
      return { ok: true, value: trimmed === 'true' };
    case 'list':
      return { ok: true, value: trimmed === '' ? [] : trimmed.split(/[,，\s]+/).filter((s) => s !== '').map((s) => s.toUpperCase()) };
    case 'text':
      return { ok: true, value: trimmed };
  }
}

/** Input texts for the edit form: what the field shows (amounts grouped; booleans "true"/"false"). */
export function initialTexts(fields: readonly RuleField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.text]));
}

/**
 * The edited rule set from the typed texts, or the keys of the fields that do not parse.
 * Structure (tiers, thresholds) is that of the base version; only values change.
 */
export function buildRuleSet(
  base: { params: RuleParamsInput; bands: DecisionBands },
  fields: readonly RuleField[],
  texts: Readonly<Record<string, string>>,
): { ok: true; params: RuleParamsInput; bands: DecisionBands } | { ok: false; errors: Record<string, FieldCheck & { ok: false }> } {
  const root = structuredClone({ params: base.params, bands: base.bands }) as Record<string, unknown>;
  const errors: Record<string, FieldCheck & { ok: false }> = {};
  for (const field of fields) {
    const check = checkField(field, texts[field.key] ?? field.text);
    if (!check.ok) {
      errors[field.key] = check;
      continue;
    }
    let node = root as Record<string | number, unknown>;
    for (const step of field.path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[field.path[field.path.length - 1] as string | number] = check.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, params: root.params as RuleParamsInput, bands: root.bands as DecisionBands };
}

/** Keys of the fields whose value differs between two versions (compared as displayed). */
export function changedKeys(a: readonly RuleField[], b: readonly RuleField[]): Set<string> {
  const before = new Map(a.map((f) => [f.key, f.text]));
  const changed = new Set<string>();
  for (const f of b) if (before.get(f.key) !== f.text) changed.add(f.key);
  for (const f of a) if (!b.some((g) => g.key === f.key)) changed.add(f.key);
  return changed;
}
