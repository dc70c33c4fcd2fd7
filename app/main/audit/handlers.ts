import type { HandlerImpls } from '../handler-context';
import { requireSession } from '../handler-context';
import { appendAudit, verifyAuditLog } from './audit-log';
import { pageAuditTrail } from './audit-trail';
import { verificationResult } from './audit-verification';
import { exportAuditChunk } from './audit-export';
import { selfParticipant } from '../settings/participants';

/** Entity and id every record of the auditor's own reading carries. */
const TRAIL = { entity: 'audit_log', entityId: 'console' } as const;

/**
 * The auditor's screen (roles in the contract: auditor, admin). Reading leaves a trace: each
 * view (a page without a cursor), each check and each finished export is an entry of the very
 * log it reads.
 */
export const auditImpls: HandlerImpls<'audit.page' | 'audit.verify' | 'audit.export'> = {
  'audit.page'(ctx, input) {
    const { db } = ctx.services;
    if (input.beforeSeq === undefined) {
      const actor = requireSession(ctx).username;
      db.transaction(() => appendAudit(db, { at: ctx.at, actor, action: 'audit.viewed', ...TRAIL, detail: { filter: input.filter } }))();
    }
    return pageAuditTrail(db, input);
  },
  'audit.verify'(ctx) {
    const { db } = ctx.services;
    const result = verificationResult(db, verifyAuditLog(db));
    const detail = result.ok
      ? { chainOk: true, count: result.count, headHash: result.headHash }
      : { chainOk: false, count: result.count, brokenSeq: result.brokenSeq, problem: result.problem.code };
    db.transaction(() => appendAudit(db, { at: ctx.at, actor: requireSession(ctx).username, action: 'audit.verified', ...TRAIL, detail }))();
    return result;
  },
  'audit.export'(ctx, input) {
    const { db } = ctx.services;
    return exportAuditChunk(db, input, { at: ctx.at, actor: requireSession(ctx).username, bankCode: selfParticipant(db).bankCode });
  },
};
