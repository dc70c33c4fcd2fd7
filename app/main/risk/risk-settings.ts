import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';

/** The desk's settings, with the defaults a fresh console starts with. */
export interface RiskSettings {
  /** At or above this amount a release or reject needs a second officer (four-eyes). */
  fourEyesAmountMinor: bigint;
  /** Minutes an officer has to decide a new alert (the queue's SLA countdown). */
  slaMinutes: number;
}

/**
 * ¥500,000.00: the natural-person reporting line of PBoC Order [2016] No. 3 — a payment large
 * enough to be reported is large enough for a second pair of eyes. One hour: an urgent
 * interbank payment should not wait on the desk for longer.
 */
export const DEFAULT_RISK_SETTINGS: RiskSettings = { fourEyesAmountMinor: 50_000_000n, slaMinutes: 60 };

/** Bounds that catch a typo (a four-eyes amount of ¥0 would make every decision two-person). */
export const MAX_SLA_MINUTES = 7 * 24 * 60;

const sql = preparedOnce((db) => ({
  all: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM risk_settings'),
  put: db.prepare(
    `INSERT INTO risk_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ),
}));

export function getRiskSettings(db: Db): RiskSettings {
  const stored = new Map(sql(db).all.all().map((r) => [r.key, r.value]));
  const fourEyes = stored.get('four_eyes_amount_minor');
  const sla = stored.get('sla_minutes');
  return {
    fourEyesAmountMinor: fourEyes === undefined ? DEFAULT_RISK_SETTINGS.fourEyesAmountMinor : BigInt(fourEyes),
    slaMinutes: sla === undefined ? DEFAULT_RISK_SETTINGS.slaMinutes : Number(sla),
  };
}

/** Changes the settings (audited, old and new values). */
export function setRiskSettings(db: Db, change: Partial<RiskSettings>, actor: string, at: string): RiskSettings {
  if (change.fourEyesAmountMinor !== undefined && change.fourEyesAmountMinor <= 0n) {
    throw new UserError('risk.bad_setting', 'The four-eyes amount must be above zero.', '双人复核金额必须大于零。');
  }
  if (change.slaMinutes !== undefined && !(Number.isInteger(change.slaMinutes) && change.slaMinutes >= 1 && change.slaMinutes <= MAX_SLA_MINUTES)) {
    throw new UserError('risk.bad_setting', `The SLA must be 1 to ${MAX_SLA_MINUTES} minutes.`, `处理时限须为 1 至 ${MAX_SLA_MINUTES} 分钟。`);
  }
  return db.transaction(() => {
    const before = getRiskSettings(db);
    if (change.fourEyesAmountMinor !== undefined) sql(db).put.run('four_eyes_amount_minor', change.fourEyesAmountMinor.toString(), actor, at);
    if (change.slaMinutes !== undefined) sql(db).put.run('sla_minutes', String(change.slaMinutes), actor, at);
    const after = getRiskSettings(db);
    appendAudit(db, {
      at,
      actor,
      action: 'risk.settings.change',
      entity: 'risk_settings',
      entityId: 'desk',
      detail: {
        fourEyesAmountMinor: { from: before.fourEyesAmountMinor.toString(), to: after.fourEyesAmountMinor.toString() },
        slaMinutes: { from: before.slaMinutes, to: after.slaMinutes },
      },
    });
    return after;
  })();
}
