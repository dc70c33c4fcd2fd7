import type { z } from 'zod';
import { proposalPayloadSchemas, type ProposalType, type ProposalView } from '../../shared/contract/centre-api';
import { toSafeNumber, type HouseStore } from '../store/sql-client';
import { auditedCentreChange, centreActor } from './centre-audit';

export type ProposalPayload<T extends ProposalType> = z.infer<(typeof proposalPayloadSchemas)[T]>;

/** What carrying out an approved proposal gave: its outcome, or the refusal (the proposal is then 'failed'). */
export type Execution = { ok: true; outcome: Record<string, unknown>; secret?: Record<string, unknown> } | { ok: false; status: number; error: string; message: string };

/** Carries out one proposal type; `actor` is the approver, `detail` names the proposal and its maker. */
export type Executor = (payload: never, audit: { actor: string; detail: Record<string, unknown> }) => Promise<Execution>;

interface ProposalRow {
  id: unknown;
  type: ProposalType;
  payload: unknown;
  proposer: string;
  proposed_at: string;
  status: ProposalView['status'];
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  outcome: unknown;
}

const COLUMNS = 'id, type, payload, proposer, proposed_at, status, decided_by, decided_at, note, outcome';

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function toView(row: ProposalRow): ProposalView {
  return {
    id: toSafeNumber(row.id),
    type: row.type,
    payload: json(row.payload),
    proposer: row.proposer,
    proposedAt: row.proposed_at,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    note: row.note,
    outcome: row.outcome === null ? null : json(row.outcome),
  };
}

export type ProposalRefusal = { status: number; error: string; message: string };

/**
 * Maker-checker for the centre's actions that move money or risk (docs/centre.md): an operator
 * or supervisor proposes, a supervisor other than the proposer approves (and the house carries
 * it out at once) or rejects. Each step is one audited commit; approval claims the proposal with
 * a compare-and-set before it runs, so two approvers cannot both carry it out.
 */
export class Proposals {
  constructor(
    private readonly store: HouseStore,
    private readonly executors: Partial<Record<ProposalType, Executor>>,
    private readonly nowMs: () => number,
  ) {}

  private at(): string {
    return new Date(this.nowMs()).toISOString();
  }

  /** Types this house can carry out (creditLine.set only once the liquidity controls are in). */
  available(type: ProposalType): boolean {
    return this.executors[type] !== undefined;
  }

  async propose(proposer: string, type: ProposalType, rawPayload: unknown, note: string | undefined, address: string): Promise<ProposalView | ProposalRefusal> {
    const parsed = proposalPayloadSchemas[type].safeParse(rawPayload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { status: 400, error: 'invalid_request', message: `payload.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
    }
    if (!this.available(type)) return { status: 501, error: 'not_available', message: `${type} is not available on this house yet` };
    const at = this.at();
    const id = await this.store.transaction(async (tx) => {
      await tx.query('LOCK TABLE centre_proposals IN EXCLUSIVE MODE');
      const { rows } = await tx.query<{ id: unknown }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM centre_proposals');
      const next = toSafeNumber(rows[0]?.id ?? 1);
      await tx.query(`INSERT INTO centre_proposals (id, type, payload, proposer, proposed_at, status, note) VALUES ($1, $2, $3, $4, $5, 'pending', $6)`, [
        next,
        type,
        JSON.stringify(parsed.data),
        proposer,
        at,
        note ?? null,
      ]);
      return next;
    });
    await auditedCentreChange(this.store, { actor: centreActor(proposer), action: 'proposal.created', entity: 'proposal', entityId: String(id), detail: { type, payload: parsed.data, note, address } }, at);
    const view = await this.get(id);
    if (!view) throw new Error(`proposal ${id} missing after insert`);
    return view;
  }

  async get(id: number): Promise<ProposalView | undefined> {
    const { rows } = await this.store.query<ProposalRow>(`SELECT ${COLUMNS} FROM centre_proposals WHERE id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async list(status: ProposalView['status'] | undefined, limit: number): Promise<ProposalView[]> {
    const { rows } = await this.store.query<ProposalRow>(`SELECT ${COLUMNS} FROM centre_proposals WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT $2`, [status ?? null, limit]);
    return rows.map(toView);
  }

  /** Only a pending proposal can be decided, and never by its own proposer. */
  private async claim(id: number, decider: string, status: 'approved' | 'rejected', note: string | undefined): Promise<ProposalView | ProposalRefusal> {
    const proposal = await this.get(id);
    if (!proposal) return { status: 404, error: 'not_found', message: `no proposal ${id}` };
    if (proposal.status !== 'pending') return { status: 409, error: 'decided', message: `proposal ${id} is ${proposal.status} already` };
    if (proposal.proposer === decider) return { status: 403, error: 'same_person', message: 'the proposer cannot decide their own proposal; another supervisor must' };
    const { rows } = await this.store.query<{ id: unknown }>(
      `UPDATE centre_proposals SET status = $2, decided_by = $3, decided_at = $4, note = COALESCE($5, note) WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, decider, this.at(), note ?? null],
    );
    if (rows.length === 0) return { status: 409, error: 'decided', message: `proposal ${id} was decided meanwhile` };
    return proposal;
  }

  async reject(id: number, decider: string, note: string | undefined, address: string): Promise<ProposalView | ProposalRefusal> {
    const claimed = await this.claim(id, decider, 'rejected', note);
    if (!('id' in claimed)) return claimed;
    await auditedCentreChange(this.store, { actor: centreActor(decider), action: 'proposal.rejected', entity: 'proposal', entityId: String(id), detail: { type: claimed.type, proposer: claimed.proposer, note, address } }, this.at());
    return (await this.get(id)) ?? claimed;
  }

  /** Approves and carries out. The answer holds any secret made (a new bank's token), shown once. */
  async approve(id: number, decider: string, note: string | undefined, address: string): Promise<{ proposal: ProposalView; secret?: Record<string, unknown> } | ProposalRefusal> {
    const claimed = await this.claim(id, decider, 'approved', note);
    if (!('id' in claimed)) return claimed;
    const executor = this.executors[claimed.type];
    const execution: Execution = executor
      ? await executor(claimed.payload as never, { actor: centreActor(decider), detail: { proposalId: id, proposer: claimed.proposer, approver: decider, address } }).catch(
          (error: unknown): Execution => ({ ok: false, status: 503, error: 'unavailable', message: error instanceof Error ? error.message : String(error) }),
        )
      : { ok: false, status: 501, error: 'not_available', message: `${claimed.type} is not available on this house yet` };
    const outcome = execution.ok ? execution.outcome : { error: execution.error, message: execution.message };
    await auditedCentreChange(
      this.store,
      {
        actor: centreActor(decider),
        action: execution.ok ? 'proposal.approved' : 'proposal.failed',
        entity: 'proposal',
        entityId: String(id),
        detail: { type: claimed.type, proposer: claimed.proposer, note, outcome, address },
      },
      this.at(),
      async (tx) => {
        await tx.query('UPDATE centre_proposals SET status = $2, outcome = $3 WHERE id = $1', [id, execution.ok ? 'approved' : 'failed', JSON.stringify(outcome)]);
      },
    );
    const proposal = await this.get(id);
    if (!proposal) throw new Error(`proposal ${id} vanished`);
    if (!execution.ok) return { status: execution.status, error: execution.error, message: execution.message };
    return { proposal, ...(execution.secret ? { secret: execution.secret } : {}) };
  }
}
