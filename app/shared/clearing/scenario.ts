import { z } from 'zod';
import { isBusinessDate } from '../domain/calendar';
import { participantIdSchema } from '../domain/participant';
import { PAYMENT_KINDS, paymentIdSchema, paymentPrioritySchema } from '../domain/payment';
import { CURRENCY_CODES, type CurrencyCode } from '../money/currency';
import { formatAmount } from '../money/format';
import { tryParseAmount } from '../money/parse';
import type { EngineCommand } from './commands';
import { minuteOf } from './clock';
import { createEngine, type EngineOptions } from './engine';

/**
 * Scenario files (DESIGN section 4): the engine's input as JSON, for `hankou clear` and tests.
 * Liquidity steps (DESIGN 4.1): time, reserve, limits, credit, reorder, pay with earliest /
 * latest / valueDay, participants with creditLine; plus `warning {participant, threshold?}`
 * for the position warning (docs/liquidity.md). Pure: takes parsed JSON. Strict: unknown fields and malformed values are a ScenarioError
 * naming where they are (`steps[3].pay.amount`); nothing runs. Steps that are well formed but
 * cannot apply are refused by the engine and listed; the run goes on.
 */
export const DEFAULT_SCENARIO_BUSINESS_DATE = '2026-01-05';

export class ScenarioError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** A decimal amount string in the scenario's currency, to bigint minor units. */
function amount(currency: CurrencyCode, allowNegative: boolean) {
  return z.string().transform((text, ctx) => {
    const parsed = tryParseAmount(text, currency, { allowNegative });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.amountMinor;
  });
}

const businessDate = z.string().refine(isBusinessDate, { message: 'must be a date YYYY-MM-DD' });
const currencySchema = z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]);

/** "HH:MM" on the business clock, to the minute of the day. */
const clockTime = z.string().transform((text, ctx) => {
  const minute = minuteOf(text);
  if (minute === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a time "HH:MM" from 00:00 to 23:59' });
    return z.NEVER;
  }
  return minute;
});

function stepSchemas(currency: CurrencyCode) {
  const idRef = paymentIdSchema;
  // Pay amounts may be zero or negative here: the engine rejects such a payment (INVALID_AMOUNT).
  const pay = z.strictObject({
    id: paymentIdSchema,
    kind: z.enum(PAYMENT_KINDS),
    from: participantIdSchema,
    to: participantIdSchema,
    amount: amount(currency, true),
    priority: paymentPrioritySchema.optional(),
    currency: currencySchema.optional(),
    originalId: paymentIdSchema.optional(),
    earliest: clockTime.optional(),
    latest: clockTime.optional(),
    // Beyond MAX_VALUE_DAYS is well formed but rejected by the engine (VALUE_DATE), as DESIGN says.
    valueDay: z.number().int().min(0).max(1000).optional(),
  });
  const byRef = z.union([idRef, z.strictObject({ id: idRef, by: participantIdSchema.optional() })], {
    error: 'must be a payment id or { "id": ..., "by": ... }',
  });
  const participantAmount = (allowNegative: boolean) => z.strictObject({ participant: participantIdSchema, amount: amount(currency, allowNegative) });
  return {
    pay,
    cancel: byRef,
    reprioritise: z.strictObject({ id: idRef, priority: paymentPrioritySchema, by: participantIdSchema.optional() }),
    return: byRef,
    offset: z.literal(true, { error: 'must be true' }),
    closeCycle: z.literal(true, { error: 'must be true' }),
    endOfDay: z.union([z.literal(true), z.strictObject({ nextBusinessDate: businessDate })], {
      error: 'must be true or { "nextBusinessDate": "YYYY-MM-DD" }',
    }),
    setBalance: participantAmount(false),
    adjust: participantAmount(true),
    setNetDebitCap: participantAmount(false),
    addParticipant: z.strictObject({ id: participantIdSchema, balance: amount(currency, false), netDebitCap: amount(currency, false), creditLine: amount(currency, false).optional() }),
    time: clockTime,
    reserve: z.strictObject({ participant: participantIdSchema, urgent: amount(currency, false).optional(), high: amount(currency, false).optional() }),
    limits: z.strictObject({
      participant: participantIdSchema,
      bilateral: z.record(participantIdSchema, amount(currency, false)).optional(),
      multilateral: amount(currency, false).optional(),
    }),
    credit: z.strictObject({ participant: participantIdSchema, line: amount(currency, false) }),
    reorder: z.strictObject({ id: idRef, to: z.enum(['top', 'bottom']), by: participantIdSchema.optional() }),
    warning: z.strictObject({ participant: participantIdSchema, threshold: amount(currency, false).optional() }),
    // 止付 / 解除止付: without `by` the clearing centre acts.
    stop: byRef,
    release: byRef,
  };
}

type StepKey = keyof ReturnType<typeof stepSchemas>;

/**
 * Limits on one scenario file, checked before any step is read: far above any test or demo
 * (CNAPS has a few thousand direct participants), low enough that a hostile file is refused
 * rather than run for hours.
 */
export const MAX_SCENARIO_PARTICIPANTS = 10_000;
export const MAX_SCENARIO_STEPS = 1_000_000;

const headerSchema = z.strictObject({
  currency: currencySchema,
  businessDate: businessDate.optional(),
  participants: z.array(z.unknown()).max(MAX_SCENARIO_PARTICIPANTS),
  steps: z.array(z.unknown()).max(MAX_SCENARIO_STEPS),
});

export interface Scenario {
  currency: CurrencyCode;
  businessDate: string;
  participants: { id: string; balanceMinor: bigint; netDebitCapMinor: bigint; creditLineMinor?: bigint }[];
  steps: EngineCommand[];
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[]): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: pathOf([...prefix, ...i.path]) || '(file)', message: i.message }));
}

function toCommand(key: StepKey, value: unknown): EngineCommand {
  const v = value as Record<string, unknown>;
  const ref = (x: unknown) => (typeof x === 'string' ? { paymentId: x } : { paymentId: (x as { id: string }).id, ...((x as { by?: string }).by === undefined ? {} : { by: (x as { by: string }).by }) });
  switch (key) {
    case 'pay': {
      const { amount: amountMinor, earliest, latest, ...rest } = v as { amount: bigint; earliest?: number; latest?: number } & Record<string, unknown>;
      return {
        type: 'pay',
        ...(rest as Omit<Extract<EngineCommand, { type: 'pay' }>, 'type' | 'amountMinor'>),
        amountMinor,
        ...(earliest === undefined ? {} : { earliestMinute: earliest }),
        ...(latest === undefined ? {} : { latestMinute: latest }),
      };
    }
    case 'cancel':
      return { type: 'cancel', ...ref(value) };
    case 'return':
      return { type: 'return', ...ref(value) };
    case 'stop':
      return { type: 'stop', ...ref(value) };
    case 'release':
      return { type: 'release', ...ref(value) };
    case 'reprioritise':
      return { type: 'reprioritise', paymentId: v.id as string, priority: v.priority as 0 | 1 | 2, ...(v.by === undefined ? {} : { by: v.by as string }) };
    case 'offset':
      return { type: 'offset' };
    case 'closeCycle':
      return { type: 'closeCycle' };
    case 'endOfDay':
      return value === true ? { type: 'endOfDay' } : { type: 'endOfDay', nextBusinessDate: v.nextBusinessDate as string };
    case 'setBalance':
      return { type: 'setBalance', participantId: v.participant as string, balanceMinor: v.amount as bigint };
    case 'adjust':
      return { type: 'adjust', participantId: v.participant as string, amountMinor: v.amount as bigint };
    case 'setNetDebitCap':
      return { type: 'setNetDebitCap', participantId: v.participant as string, netDebitCapMinor: v.amount as bigint };
    case 'addParticipant':
      return {
        type: 'addParticipant',
        id: v.id as string,
        balanceMinor: v.balance as bigint,
        netDebitCapMinor: v.netDebitCap as bigint,
        ...(v.creditLine === undefined ? {} : { creditLineMinor: v.creditLine as bigint }),
      };
    case 'time':
      return { type: 'time', minuteOfDay: value as number };
    case 'reserve':
      return { type: 'reserve', participantId: v.participant as string, urgentMinor: (v.urgent as bigint | undefined) ?? 0n, highMinor: (v.high as bigint | undefined) ?? 0n };
    case 'limits':
      return {
        type: 'limits',
        participantId: v.participant as string,
        bilateral: (v.bilateral as Record<string, bigint> | undefined) ?? {},
        ...(v.multilateral === undefined ? {} : { multilateralMinor: v.multilateral as bigint }),
      };
    case 'credit':
      return { type: 'credit', participantId: v.participant as string, lineMinor: v.line as bigint };
    case 'reorder':
      return { type: 'reorder', paymentId: v.id as string, to: v.to as 'top' | 'bottom', ...(v.by === undefined ? {} : { by: v.by as string }) };
    case 'warning':
      return v.threshold === undefined
        ? { type: 'warning', participantId: v.participant as string }
        : { type: 'warning', participantId: v.participant as string, thresholdMinor: v.threshold as bigint };
  }
}

/** Validates a parsed scenario file; throws ScenarioError listing every problem with its path. */
export function parseScenario(json: unknown): Scenario {
  const header = headerSchema.safeParse(json);
  if (!header.success) throw new ScenarioError(issuesOf(header.error, []));
  const { currency } = header.data;
  const issues: { path: string; message: string }[] = [];
  const participantSchema = z.strictObject({
    id: participantIdSchema,
    balance: amount(currency, false),
    netDebitCap: amount(currency, false),
    creditLine: amount(currency, false).optional(),
    name: z.string().min(1).max(140).optional(),
  });
  const participants: Scenario['participants'] = [];
  const seen = new Set<string>();
  header.data.participants.forEach((raw, i) => {
    const parsed = participantSchema.safeParse(raw);
    if (!parsed.success) return issues.push(...issuesOf(parsed.error, ['participants', i]));
    if (seen.has(parsed.data.id)) return issues.push({ path: `participants[${i}].id`, message: `participant ${parsed.data.id} is listed twice` });
    seen.add(parsed.data.id);
    const { id, balance, netDebitCap, creditLine } = parsed.data;
    participants.push({ id, balanceMinor: balance, netDebitCapMinor: netDebitCap, ...(creditLine === undefined ? {} : { creditLineMinor: creditLine }) });
  });
  const schemas = stepSchemas(currency);
  const steps: EngineCommand[] = [];
  header.data.steps.forEach((raw, i) => {
    const keys = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : [];
    const key = keys[0];
    if (keys.length !== 1 || key === undefined || !Object.prototype.hasOwnProperty.call(schemas, key)) {
      return issues.push({ path: `steps[${i}]`, message: `a step is an object with exactly one of: ${Object.keys(schemas).join(', ')}` });
    }
    const parsed = schemas[key as StepKey].safeParse((raw as Record<string, unknown>)[key]);
    if (!parsed.success) return issues.push(...issuesOf(parsed.error, ['steps', i, key]));
    steps.push(toCommand(key as StepKey, parsed.data));
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return { currency, businessDate: header.data.businessDate ?? DEFAULT_SCENARIO_BUSINESS_DATE, participants, steps };
}

export interface ScenarioResult {
  payments: Record<string, { status: string; reason?: string }>;
  balances: Record<string, string>;
  cycles: { id: number; net: Record<string, string>; bilateral?: { from: string; to: string; amount: string }[] }[];
  refused: { step: number; reason: string }[];
  /** Position warnings (头寸预警) raised, in order; absent when none. */
  warnings?: { step: number; participant: string; below: boolean; available: string }[];
}

/** Runs a parsed scenario file (JSON value) to its result. Throws ScenarioError on bad input. */
export function runScenario(json: unknown, options: EngineOptions = {}): ScenarioResult {
  const scenario = parseScenario(json);
  const { currency } = scenario;
  const engine = createEngine({ currency, businessDate: scenario.businessDate, participants: scenario.participants }, options);
  const refused: ScenarioResult['refused'] = [];
  const warnings: NonNullable<ScenarioResult['warnings']> = [];
  scenario.steps.forEach((command, step) => {
    for (const event of engine.apply(command)) {
      if (event.type === 'refused') refused.push({ step, reason: event.reason });
      if (event.type === 'positionWarning') warnings.push({ step, participant: event.participantId, below: event.below, available: formatAmount(event.availableMinor, currency) });
      // A duplicate id must not overwrite the original's line in `payments`, so it is listed here.
      if (event.type === 'rejected' && event.reason === 'DUPLICATE_ID') refused.push({ step, reason: event.reason });
    }
  });
  const payments: ScenarioResult['payments'] = {};
  for (const p of engine.payments()) payments[p.id] = p.reason === undefined ? { status: p.status } : { status: p.status, reason: p.reason };
  const balances: ScenarioResult['balances'] = {};
  for (const p of engine.participants()) balances[p.id] = formatAmount(p.balanceMinor, currency);
  const cycles = engine.closedCycles().map((c) => {
    const net: Record<string, string> = {};
    for (const n of c.net) net[n.participantId] = formatAmount(n.netMinor, currency);
    const bilateral = c.bilateral.map((b) => ({ from: b.payer, to: b.payee, amount: formatAmount(b.amountMinor, currency) }));
    return bilateral.length === 0 ? { id: c.id, net } : { id: c.id, net, bilateral };
  });
  return warnings.length === 0 ? { payments, balances, cycles, refused } : { payments, balances, cycles, refused, warnings };
}
