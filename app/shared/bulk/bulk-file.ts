/**
 * A corporate customer's bulk payment file (pain.001 or the documented CSV) as raw lines:
 * every field exactly as the file gave it (trimmed), or null when absent. Nothing is judged
 * here; validate-bulk.ts decides what each line is worth, so a bad line is reported with its
 * field rather than refusing the whole file.
 */
export interface RawBulkLine {
  /** pain.001: the transaction's position in the file (1-based); CSV: the record's row, header = 1. */
  line: number;
  endToEndId: string | null;
  debtorName: string | null;
  debtorAccount: string | null;
  creditorName: string | null;
  creditorAccount: string | null;
  /** 行号 of the creditor's bank (pain.001: CdtrAgt ClrSysMmbId/MmbId). */
  creditorBankCode: string | null;
  amount: string | null;
  currency: string | null;
  purpose: string | null;
}

export type BulkFormat = 'pain.001' | 'csv';

export interface BulkFile {
  format: BulkFormat;
  /** pain.001 "001.03" / "001.09"; CSV "1". */
  version: string;
  /** pain.001 GrpHdr/MsgId; CSV: null. */
  messageId: string | null;
  /** pain.001 GrpHdr/NbOfTxs and CtrlSum when given (checked against the lines). */
  declaredCount: number | null;
  declaredTotal: string | null;
  lines: RawBulkLine[];
}

/** Most lines one file may hold: a payroll of a large employer fits; a runaway export does not. */
export const MAX_BULK_LINES = 50_000;

export type BulkFileErrorCode = 'not_pain001' | 'not_bulk_csv' | 'malformed' | 'too_large' | 'empty';

const ZH: Record<BulkFileErrorCode, string> = {
  not_pain001: '不是 pain.001 报文',
  not_bulk_csv: '不是约定格式的批量 CSV 文件',
  malformed: '文件格式错误',
  too_large: '文件过大',
  empty: '文件中没有支付',
};

/** The whole file is refused (nothing imported); a bad line is a line error instead. */
export class BulkFileError extends Error {
  readonly messageZh: string;
  constructor(
    readonly code: BulkFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BulkFileError';
    this.messageZh = `${ZH[code]}：${message}`;
  }
}
