import type { EngineCommand } from '../../shared/clearing/commands';
import type { AuditEntryInput } from '../../shared/audit/audit-chain';
import type { SqlClient } from '../store/sql-client';
import type { MessageThread } from '../../shared/contract/message-protocol';

/**
 * Everything one group-commit batch will write, gathered in memory while the engine applies
 * the batch's commands and written in one transaction by store/batch-writer. Nothing here is
 * visible to readers until that transaction commits.
 */
export interface PaymentRow {
  id: string;
  cmdSeq: bigint;
  deviceId: string | null;
  deviceSeq: number | null;
  /** Who sent it to the house (gets payment.status) and the other bank (gets payment.inbound). */
  submitterId: string;
  counterpartyId: string;
  fromId: string;
  toId: string;
  kind: string;
  priority: number;
  amountMinor: bigint;
  currency: string;
  details: Record<string, unknown>;
  businessDate: string;
  receivedAtMs: number;
  admission: 'accepted' | 'rejected';
  status: string;
  reason: string | null;
  changeSeq: number;
  /** The DNS cycle it was admitted to. */
  cycleId: string | null;
}

export interface StatusUpdate {
  status: string;
  reason: string | null;
  changeSeq: number;
  /** null: unchanged. */
  cycleId: string | null;
}

export interface FeedRow {
  seq: number;
  /** null: every participant sees it. */
  participantId: string | null;
  type: 'cycle.closed' | 'statement.entry' | 'participant' | 'calendar' | 'liquidity' | 'schedule' | 'broadcast' | 'message';
  data: Record<string, unknown>;
}

export interface DeviceRow {
  participantId: string;
  lastSeq: number;
}

export interface RejectionRow {
  deviceId: string;
  seq: number;
  mutationId: string;
  code: string;
  message: string;
}

export interface CycleRow {
  cycleId: string;
  businessDate: string;
  cmdSeq: bigint;
  net: Record<string, string>;
  bilateral: Record<string, string>;
}

export interface NewParticipantRow {
  id: string;
  name: string;
  bankCode: string;
  tokenSha256: string | null;
}

export class BatchEffects {
  readonly newPayments = new Map<string, PaymentRow>();
  readonly statusUpdates = new Map<string, StatusUpdate>();
  readonly feed: FeedRow[] = [];
  /**
   * Liquidity changes of the batch, in order: a control changed (no warning) or a position
   * warning crossed. Turned into `liquidity` feed rows with the controls as they stand once the
   * batch's commands are applied (liquidity-feed.ts).
   */
  readonly liquidityNotes: Array<{ participantId: string; warning?: { below: boolean; availableMinor: bigint; thresholdMinor: bigint } }> = [];
  /** deviceId/deviceSeq: a console's cancel or return, so a replayed seq finds its answer. */
  readonly journal: Array<{ cmdSeq: bigint; command: EngineCommand; deviceId?: string; deviceSeq?: number }> = [];
  readonly touchedParticipants = new Set<string>();
  readonly newParticipants: NewParticipantRow[] = [];
  readonly devices = new Map<string, DeviceRow>();
  readonly rejections: RejectionRow[] = [];
  readonly cycles: CycleRow[] = [];
  readonly meta = new Map<string, string>();
  /** Reference data rows (the working calendar) written in the batch's transaction. */
  readonly referenceWrites: Array<(tx: SqlClient) => Promise<void>> = [];
  /** Message threads changed in this batch, as they stand after it (app/house/messages). */
  readonly threads = new Map<string, MessageThread>();
  /** The thread each applied message mutation touched: a replayed seq is answered from it. */
  readonly messageRecords: Array<{ deviceId: string; deviceSeq: number; threadId: string }> = [];
  /** Audit entries of operator commands, appended last in the batch's transaction. */
  readonly audit: AuditEntryInput[] = [];
  snapshot: { cmdSeq: bigint; state: string } | undefined;
  commandCount = 0;
  /**
   * Where a cycle close's per-payment settlements go instead of this batch's rows, and what a
   * newer status of such a payment must cancel (settlement-writeback.ts). Unset: written here.
   */
  writeback: { defer(paymentId: string, cycleId: string): void; supersede(paymentId: string): void; flush(batch: BatchEffects): void } | undefined;
  /** The write-back's ticket this batch reached (0: it took none). */
  writebackTicket = 0;
  /** Cycle settlements numbered in this batch, written by the settlement lane once it commits (settlement-lane.ts). */
  readonly laneRows: Array<{ paymentId: string; cycleId: string; changeSeq: number }> = [];
  /** Push results by outcome, counted in the metrics once the batch commits. */
  readonly outcomes = new Map<string, number>();

  /**
   * End of day within the batch: journal rows after `afterCmdSeq` belong to `date` (their
   * partition, migration 0010), created in the batch's transaction before any row of it.
   */
  readonly dayChanges: Array<{ afterCmdSeq: bigint; date: string }> = [];

  constructor(
    /** Last cmd_seq and change_seq already committed. */
    public cmdSeq: bigint,
    public changeSeq: number,
    /** The engine's business date when the batch began. */
    readonly businessDate: string,
  ) {}

  /** The business date a journal row of this batch belongs to. */
  journalDate(cmdSeq: bigint): string {
    let date = this.businessDate;
    for (const change of this.dayChanges) if (cmdSeq > change.afterCmdSeq) date = change.date;
    return date;
  }

  nextCmdSeq(): bigint {
    this.cmdSeq += 1n;
    this.commandCount += 1;
    return this.cmdSeq;
  }

  nextChangeSeq(): number {
    this.changeSeq += 1;
    return this.changeSeq;
  }

  /** A payment's status moved: it re-enters the change feed at a new seq. */
  setStatus(paymentId: string, status: string, reason: string | null, cycleId: string | null = null): void {
    this.writeback?.supersede(paymentId);
    const changeSeq = this.nextChangeSeq();
    const fresh = this.newPayments.get(paymentId);
    if (fresh) {
      fresh.status = status;
      fresh.reason = reason;
      fresh.changeSeq = changeSeq;
      fresh.cycleId = cycleId ?? fresh.cycleId;
      return;
    }
    const earlier = this.statusUpdates.get(paymentId);
    this.statusUpdates.set(paymentId, { status, reason, changeSeq, cycleId: cycleId ?? earlier?.cycleId ?? null });
  }

  /**
   * A payment settled by a cycle close: its row goes with a later batch when the host defers
   * them (settlement-writeback.ts). A payment new in this batch is written settled here anyway.
   */
  settleInCycle(paymentId: string, cycleId: string): void {
    if (this.writeback === undefined || this.newPayments.has(paymentId)) this.setStatus(paymentId, 'settled', null, cycleId);
    else this.writeback.defer(paymentId, cycleId);
  }

  addFeed(participantId: string | null, type: FeedRow['type'], data: Record<string, unknown>): void {
    this.feed.push({ seq: this.nextChangeSeq(), participantId, type, data });
  }

  get isEmpty(): boolean {
    return (
      this.commandCount === 0 &&
      this.devices.size === 0 &&
      this.rejections.length === 0 &&
      this.newParticipants.length === 0 &&
      this.meta.size === 0 &&
      this.referenceWrites.length === 0 &&
      this.threads.size === 0 &&
      this.statusUpdates.size === 0 &&
      this.feed.length === 0
    );
  }
}
