import type { z } from 'zod';
import type { alertRuleInputSchema, alertRuleSchema, raisedAlertSchema } from '../../shared/contract/centre-api';
import { parseAmount } from '../../shared/money/parse';
import { formatAmount } from '../../shared/money/format';
import { toSafeNumber, type HouseStore } from '../store/sql-client';
import { auditedCentreChange } from './centre-audit';

type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;
type AlertRule = z.infer<typeof alertRuleSchema>;
type RaisedAlert = z.infer<typeof raisedAlertSchema>;

/** What the rules look at, gathered by the monitor at each evaluation. */
export interface AlertFacts {
  nowMs: number;
  /** Per participant: when its oldest queued payment arrived. */
  oldestQueuedMs: Map<string, number>;
  availableMinor: Map<string, bigint>;
  /** Participants whose console synced at least once, and when last. */
  lastSyncMs: Map<string, number>;
  commitP99Ms: number | null;
  /** The house's own archiving did not archive every due day on its last run (null: it did, or it is off). */
  archiveProblem: { subject: string; reason: string } | null;
}

/** Raised alerts shown on the dashboard: the open ones and the most recent cleared. */
const RECENT_ALERTS = 50;

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Alert rules the centre sets (docs/centre.md) and their evaluation: each rule yields the
 * subjects (a bank, or the house) over its threshold now; a subject newly over it raises one
 * alert (stored, audited), which stays open until the subject is back under, when it is
 * cleared. So an alert is raised once per crossing, however often the rules are evaluated.
 */
export class AlertRules {
  private rules: AlertRule[] = [];
  /** `<ruleId>|<subject>` -> id of the open alert. */
  private readonly open = new Map<string, number>();
  private lastAlertId = 0;
  private lastRuleId = 0;
  private evaluating: Promise<void> = Promise.resolve();
  /** The dashboard's list, kept in memory so a refresh asks the store nothing (open first, newest first). */
  private recentAlerts: RaisedAlert[] = [];

  constructor(
    private readonly store: HouseStore,
    private readonly nowMs: () => number,
  ) {}

  async load(): Promise<void> {
    const { rows } = await this.store.query<{ id: unknown; kind: string; params: unknown; enabled: boolean; created_by: string; created_at: string }>(
      'SELECT id, kind, params, enabled, created_by, created_at FROM centre_alert_rules ORDER BY id',
    );
    this.rules = rows.map((r) => ({ id: toSafeNumber(r.id), enabled: r.enabled, createdBy: r.created_by, createdAt: r.created_at, rule: json(r.params) as AlertRuleInput }));
    this.lastRuleId = this.rules.reduce((max, r) => Math.max(max, r.id), 0);
    const alerts = await this.store.query<{ id: unknown; rule_id: unknown; subject: string }>('SELECT id, rule_id, subject FROM centre_alerts WHERE cleared_at IS NULL');
    for (const a of alerts.rows) this.open.set(`${toSafeNumber(a.rule_id)}|${a.subject}`, toSafeNumber(a.id));
    const max = await this.store.query<{ id: unknown }>('SELECT COALESCE(MAX(id), 0) AS id FROM centre_alerts');
    this.lastAlertId = toSafeNumber(max.rows[0]?.id ?? 0);
    const { rows: recent } = await this.store.query<{ id: unknown; rule_id: unknown; subject: string; raised_at: string; cleared_at: string | null; detail: unknown }>(
      `SELECT id, rule_id, subject, raised_at, cleared_at, detail FROM centre_alerts ORDER BY (cleared_at IS NULL) DESC, id DESC LIMIT ${RECENT_ALERTS}`,
    );
    this.recentAlerts = recent.map((r) => ({ id: toSafeNumber(r.id), ruleId: toSafeNumber(r.rule_id), subject: r.subject, raisedAt: r.raised_at, clearedAt: r.cleared_at, detail: json(r.detail) as Record<string, unknown> }));
  }

  private remember(alert: RaisedAlert): void {
    this.recentAlerts = [alert, ...this.recentAlerts.filter((a) => a.id !== alert.id)]
      .sort((a, b) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.id - a.id)
      .slice(0, RECENT_ALERTS);
  }

  list(): AlertRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  async create(rule: AlertRuleInput, actor: string, username: string, address: string): Promise<AlertRule> {
    const created: AlertRule = { id: this.lastRuleId + 1, enabled: true, createdBy: username, createdAt: new Date(this.nowMs()).toISOString(), rule };
    this.lastRuleId = created.id;
    await auditedCentreChange(this.store, { actor, action: 'alertRule.created', entity: 'alertRule', entityId: String(created.id), detail: { rule, address } }, created.createdAt, async (tx) => {
      await tx.query('INSERT INTO centre_alert_rules (id, kind, params, enabled, created_by, created_at) VALUES ($1, $2, $3, true, $4, $5)', [created.id, rule.kind, JSON.stringify(rule), username, created.createdAt]);
    });
    this.rules.push(created);
    return created;
  }

  /**
   * Adds a rule of this kind unless one exists (enabled or not): the house turns on the alert for
   * what it does by itself (archiving), and an operator who disabled it keeps it disabled.
   */
  async ensure(rule: AlertRuleInput, actor: string): Promise<void> {
    if (this.rules.some((r) => r.rule.kind === rule.kind)) return;
    await this.create(rule, actor, actor, 'house');
  }

  async setEnabled(id: number, enabled: boolean, actor: string, address: string): Promise<AlertRule | undefined> {
    const rule = this.rules.find((r) => r.id === id);
    if (!rule) return undefined;
    await auditedCentreChange(this.store, { actor, action: 'alertRule.changed', entity: 'alertRule', entityId: String(id), detail: { enabled, address } }, new Date(this.nowMs()).toISOString(), async (tx) => {
      await tx.query('UPDATE centre_alert_rules SET enabled = $2 WHERE id = $1', [id, enabled]);
    });
    rule.enabled = enabled;
    return { ...rule };
  }

  async remove(id: number, actor: string, address: string): Promise<boolean> {
    const index = this.rules.findIndex((r) => r.id === id);
    if (index < 0) return false;
    await auditedCentreChange(this.store, { actor, action: 'alertRule.deleted', entity: 'alertRule', entityId: String(id), detail: { address } }, new Date(this.nowMs()).toISOString(), async (tx) => {
      await tx.query('DELETE FROM centre_alert_rules WHERE id = $1', [id]);
    });
    this.rules.splice(index, 1);
    return true;
  }

  /** Subjects over the rule's threshold now, with what was seen. */
  private crossings(rule: AlertRuleInput, facts: AlertFacts): Map<string, Record<string, unknown>> {
    const over = new Map<string, Record<string, unknown>>();
    switch (rule.kind) {
      case 'queue_age':
        for (const [id, since] of facts.oldestQueuedMs) {
          const minutes = (facts.nowMs - since) / 60_000;
          if (minutes >= rule.minutes) over.set(id, { oldestMinutes: Math.floor(minutes), thresholdMinutes: rule.minutes });
        }
        break;
      case 'available_below': {
        const threshold = parseAmount(rule.amount, 'CNY');
        for (const [id, available] of facts.availableMinor) {
          if (rule.participantId !== undefined && id !== rule.participantId) continue;
          if (available < threshold) over.set(id, { available: formatAmount(available, 'CNY'), threshold: rule.amount });
        }
        break;
      }
      case 'console_silent':
        for (const [id, last] of facts.lastSyncMs) {
          const minutes = (facts.nowMs - last) / 60_000;
          if (minutes >= rule.minutes) over.set(id, { silentMinutes: Math.floor(minutes), lastSyncAt: new Date(last).toISOString(), thresholdMinutes: rule.minutes });
        }
        break;
      case 'commit_latency_p99':
        if (facts.commitP99Ms !== null && facts.commitP99Ms > rule.ms) over.set('house', { commitP99Ms: facts.commitP99Ms, thresholdMs: rule.ms });
        break;
      case 'archive_failed':
        // The subject is the day that could not go (or `house`): a different stuck day is a new alert.
        if (facts.archiveProblem !== null) over.set(facts.archiveProblem.subject, { reason: facts.archiveProblem.reason });
        break;
      default: {
        const unknown: never = rule;
        throw new Error(`unknown alert rule ${JSON.stringify(unknown)}`);
      }
    }
    return over;
  }

  /** Raises and clears; evaluations run one after another. */
  evaluate(facts: AlertFacts): Promise<void> {
    this.evaluating = this.evaluating.then(() => this.evaluateNow(facts));
    return this.evaluating;
  }

  private async evaluateNow(facts: AlertFacts): Promise<void> {
    const at = new Date(facts.nowMs).toISOString();
    const stillOpen = new Set<string>();
    for (const rule of this.rules) {
      if (!rule.enabled) continue;
      for (const [subject, detail] of this.crossings(rule.rule, facts)) {
        const key = `${rule.id}|${subject}`;
        stillOpen.add(key);
        if (this.open.has(key)) continue;
        this.lastAlertId += 1;
        const id = this.lastAlertId;
        const full = { ...detail, rule: rule.rule };
        await auditedCentreChange(this.store, { actor: 'monitor', action: 'alert.raised', entity: 'alert', entityId: String(id), detail: { ruleId: rule.id, subject, ...full } }, at, async (tx) => {
          await tx.query('INSERT INTO centre_alerts (id, rule_id, subject, raised_at, detail) VALUES ($1, $2, $3, $4, $5)', [id, rule.id, subject, at, JSON.stringify(full)]);
        });
        this.open.set(key, id);
        this.remember({ id, ruleId: rule.id, subject, raisedAt: at, clearedAt: null, detail: full });
      }
    }
    for (const [key, id] of this.open) {
      if (stillOpen.has(key)) continue;
      await this.store.query('UPDATE centre_alerts SET cleared_at = $2 WHERE id = $1', [id, at]);
      this.open.delete(key);
      const known = this.recentAlerts.find((a) => a.id === id);
      if (known) this.remember({ ...known, clearedAt: at });
    }
  }

  recent(): RaisedAlert[] {
    return this.recentAlerts.map((a) => ({ ...a }));
  }
}
