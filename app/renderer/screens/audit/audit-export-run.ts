import type { AuditExportFormat, AuditExportManifest } from '../../../shared/contract/handlers/audit';
import type { ContractError, HankouBridge } from '../../../shared/contract';
import { fileParts, mediaTypeOf } from './audit-format';
import { downloadFile } from '../../components/download-file';

export type ExportOutcome =
  | { ok: true; parts: string[]; manifest: AuditExportManifest; fileName: string }
  | { ok: false; error: ContractError };

/**
 * Pulls one export file from the back end call by call (each at most 256 KiB of text, see
 * AUDIT_EXPORT_CHUNK_MAX_CHARS), reporting progress as entries done of the file's total.
 */
export async function runAuditExport(
  bridge: HankouBridge,
  format: AuditExportFormat,
  fromSeq: number,
  onProgress: (done: number, total: number) => void,
): Promise<ExportOutcome> {
  const chunks: string[] = [];
  let result = await bridge.invoke('audit.export', { format, fromSeq });
  for (;;) {
    if (!result.ok) return result;
    const { text, untilSeq, nextCursor, manifest, fileName } = result.value;
    chunks.push(text);
    const total = untilSeq - fromSeq + 1;
    if (nextCursor === null) {
      if (manifest === null) return { ok: false, error: { code: 'internal', message: 'The export ended without its manifest.', messageZh: '导出结束但缺少清单行。' } };
      onProgress(total, total);
      return { ok: true, parts: fileParts(format, chunks), manifest, fileName };
    }
    onProgress(nextCursor - fromSeq, total);
    result = await bridge.invoke('audit.export', { format, fromSeq, untilSeq, cursor: nextCursor });
  }
}

/** The export's parts as one download, typed for its format. */
export function saveFile(parts: string[], fileName: string, format: AuditExportFormat): void {
  downloadFile(parts, fileName, mediaTypeOf(format));
}
