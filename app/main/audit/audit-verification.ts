import type { Db } from '../store/open-database';
import type { AuditVerification } from '../../shared/audit/audit-chain';
import type { AuditVerificationResult } from '../../shared/contract/handlers/audit';
import { auditRow, toEntryRow } from './audit-trail';

type AuditProblem = Extract<AuditVerificationResult, { ok: false }>['problem'];
type BreakCode = AuditProblem['code'];

/** Chinese wording of each break, worded to follow "broken at entry N:" (no repeated entry number). */
function zhProblem(code: BreakCode, seq: number): string {
  const zh: Record<BreakCode, string> = {
    seq_gap: '其前的条目缺失（序号不连续）',
    prev_hash: `所记的前一哈希不是第 ${seq - 1} 条的哈希（其前的条目被替换或删除）`,
    detail_json: '明细不是有效的 JSON（条目被改动）',
    hash_mismatch: '哈希与条目内容不符（条目被改动）',
    detail_form: '明细不是规范格式（条目被改动）',
  };
  return zh[code];
}

/** The check as the contract answers it: ok with count and head, or the broken entry and why. */
export function verificationResult(db: Db, verification: AuditVerification): AuditVerificationResult {
  if (verification.ok) return { ok: true, count: verification.count, headSeq: verification.count, headHash: verification.lastHash };
  const row = auditRow(db, verification.seq);
  return {
    ok: false,
    count: verification.count,
    brokenSeq: verification.seq,
    problem: { code: verification.code, message: verification.problem, messageZh: zhProblem(verification.code, verification.seq) },
    entry: row === undefined ? null : toEntryRow(row),
  };
}
