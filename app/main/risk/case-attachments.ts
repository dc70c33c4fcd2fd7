import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import { MAX_ATTACHMENT_BYTES, type RiskAttachmentInfo } from '../../shared/contract/handlers/risk';

/**
 * Files on a case, as blobs in the store (backed up and audited with it; the audit entry
 * keeps the SHA-256, so a file swapped later is detectable). Size-limited at the contract,
 * here, and by a CHECK in the table.
 */

interface Row {
  seq: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  added_by: string;
  added_at: string;
}

const sql = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO risk_case_attachments (case_id, file_name, media_type, size_bytes, sha256, content, added_by, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  list: db.prepare<[string], Row>(
    'SELECT seq, file_name, media_type, size_bytes, sha256, added_by, added_at FROM risk_case_attachments WHERE case_id = ? ORDER BY seq',
  ),
  content: db.prepare<[string, number], Row & { content: Buffer }>('SELECT * FROM risk_case_attachments WHERE case_id = ? AND seq = ?'),
  caseState: db.prepare<[string], { closed_at: string | null }>('SELECT closed_at FROM risk_cases WHERE id = ?'),
}));

const toInfo = (r: Row): RiskAttachmentInfo => ({
  id: r.seq,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

/** Strict base64 (the browser's btoa output): anything else is refused, not guessed at. */
function decodeBase64(text: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new UserError('risk.attachment_bad', 'The file content is not valid base64.', '附件内容编码不正确。');
  }
  return Buffer.from(text, 'base64');
}

export function addCaseAttachment(
  db: Db,
  input: { caseId: string; fileName: string; mediaType: string; contentBase64: string; actor: string; at: string },
): RiskAttachmentInfo {
  const content = decodeBase64(input.contentBase64);
  if (content.length === 0) throw new UserError('risk.attachment_bad', 'The file is empty.', '附件为空文件。');
  if (content.length > MAX_ATTACHMENT_BYTES) {
    throw new UserError('risk.attachment_too_large', `Attachments are limited to ${MAX_ATTACHMENT_BYTES / 1024} KB.`, `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024} KB。`);
  }
  // Only the last path segment: a name is a label, never a path.
  const fileName = input.fileName.split(/[\\/]/).pop()?.trim() ?? '';
  if (fileName === '') throw new UserError('risk.attachment_bad', 'The file needs a name.', '附件需要文件名。');
  const sha256 = createHash('sha256').update(content).digest('hex');
  return db.transaction(() => {
    const state = sql(db).caseState.get(input.caseId);
    if (state === undefined) throw new UserError('not_found', `No case ${input.caseId}.`, `案件 ${input.caseId} 不存在。`);
    if (state.closed_at !== null) throw new UserError('case_closed', `Case ${input.caseId} is closed.`, `案件 ${input.caseId} 已结案。`);
    const seq = Number(sql(db).insert.run(input.caseId, fileName, input.mediaType, content.length, sha256, content, input.actor, input.at).lastInsertRowid);
    appendAudit(db, {
      at: input.at,
      actor: input.actor,
      action: 'risk.case.attach',
      entity: 'risk_case',
      entityId: input.caseId,
      detail: { attachment: seq, fileName, mediaType: input.mediaType, sizeBytes: content.length, sha256 },
    });
    return toInfo({ seq, file_name: fileName, media_type: input.mediaType, size_bytes: content.length, sha256, added_by: input.actor, added_at: input.at });
  })();
}

export function listCaseAttachments(db: Db, caseId: string): RiskAttachmentInfo[] {
  return sql(db).list.all(caseId).map(toInfo);
}

export function readCaseAttachment(db: Db, caseId: string, attachmentId: number): { fileName: string; mediaType: string; content: Buffer } {
  const row = sql(db).content.get(caseId, attachmentId);
  if (row === undefined) throw new UserError('not_found', `No attachment ${attachmentId} on case ${caseId}.`, `案件 ${caseId} 没有附件 ${attachmentId}。`);
  return { fileName: row.file_name, mediaType: row.media_type, content: row.content };
}
