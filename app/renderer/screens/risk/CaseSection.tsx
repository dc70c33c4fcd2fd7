import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { MAX_ATTACHMENT_BYTES, type RiskCaseSummary } from '../../../shared/contract/handlers/risk';
import { useBridge } from '../../state/bridge-context';
import { localized } from '../../i18n/i18n';
import { centreDateTime } from '../../components/amount-text';

type CaseDetails = HandlerOutput<'risk.cases.get'>;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The alert's case: open one or add to one; its notes and attachments; close it. Officers only. */
export function CaseSection({ alertId, caseId, canEdit, onChanged }: { alertId: string; caseId: string | null; canEdit: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [details, setDetails] = useState<CaseDetails | null>(null);
  const [openCases, setOpenCases] = useState<RiskCaseSummary[]>([]);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (caseId === null) {
      setDetails(null);
      const r = await bridge.invoke('risk.cases.list', { includeClosed: false });
      if (r.ok) setOpenCases(r.value.cases);
    } else {
      const r = await bridge.invoke('risk.cases.get', { id: caseId });
      if (r.ok) setDetails(r.value);
    }
  }, [bridge, caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (call: () => Promise<{ ok: true } | { ok: false; error: { message: string; messageZh: string } }>) => {
    const r = await call();
    if (!r.ok) setError(localized(i18n.language, r.error));
    else {
      setError(null);
      setNote('');
      setTitle('');
      onChanged();
      await load();
    }
  };

  const attach = async (file: File) => {
    if (caseId === null) return;
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(t('risk.cases.tooLarge', { kb: MAX_ATTACHMENT_BYTES / 1024 }));
      return;
    }
    const contentBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    await run(() => bridge.invoke('risk.cases.attach', { caseId, fileName: file.name, mediaType: file.type || 'application/octet-stream', contentBase64 }));
  };

  const download = async (attachmentId: number) => {
    if (caseId === null) return;
    const r = await bridge.invoke('risk.cases.attachment', { caseId, attachmentId });
    if (!r.ok) return setError(localized(i18n.language, r.error));
    const bytes = Uint8Array.from(atob(r.value.contentBase64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.value.mediaType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="case-section" data-testid="case-section">
      <h3>{t('risk.cases.heading')}</h3>
      {error !== null && <p className="notice notice-error" role="alert">{error}</p>}
      {caseId === null ? (
        <>
          <p className="muted small-text">{t('risk.cases.none')}</p>
          {canEdit && (
            <div className="case-row">
              <input value={title} maxLength={200} placeholder={t('risk.cases.titlePlaceholder')} onChange={(e) => setTitle(e.target.value)} aria-label={t('risk.cases.titlePlaceholder')} />
              <button type="button" disabled={title.trim() === ''} onClick={() => void run(() => bridge.invoke('risk.cases.open', { title: title.trim(), alertIds: [alertId] }))}>
                {t('risk.cases.open')}
              </button>
              {openCases.length > 0 && (
                <select
                  aria-label={t('risk.cases.addTo')}
                  value=""
                  onChange={(e) => e.target.value !== '' && void run(() => bridge.invoke('risk.cases.addAlert', { caseId: e.target.value, alertId }))}
                >
                  <option value="">{t('risk.cases.addTo')}…</option>
                  {openCases.map((c) => <option key={c.id} value={c.id}>{c.id} {c.title}</option>)}
                </select>
              )}
            </div>
          )}
        </>
      ) : details === null ? null : (
        <>
          <div className="case-title">
            <span className="mono">{details.case.id}</span> {details.case.title}
            <span className="muted"> · {t('risk.cases.alerts', { count: details.case.alertCount })}</span>
            {details.case.closedAt !== null && <span className="muted"> · {t('risk.cases.closed')}</span>}
          </div>
          <ol className="history">
            {details.notes.map((n, i) => (
              <li key={i}><span className="mono">{centreDateTime(n.at).slice(5, 16)}</span> {n.author}: {n.note}</li>
            ))}
          </ol>
          {details.attachments.length > 0 && (
            <ul className="attachments">
              {details.attachments.map((a) => (
                <li key={a.id}>
                  <button type="button" className="link-button" onClick={() => void download(a.id)} title={a.sha256}>{a.fileName}</button>
                  <span className="muted"> {a.sizeBytes < 1024 ? `${a.sizeBytes} B` : `${(a.sizeBytes / 1024).toFixed(1)} KB`} · {a.addedBy}</span>
                </li>
              ))}
            </ul>
          )}
          {canEdit && details.case.closedAt === null && (
            <div className="case-row">
              <input value={note} maxLength={2000} placeholder={t('risk.cases.notePlaceholder')} onChange={(e) => setNote(e.target.value)} aria-label={t('risk.cases.addNote')} />
              <button type="button" disabled={note.trim() === ''} onClick={() => void run(() => bridge.invoke('risk.cases.note', { caseId: details.case.id, note: note.trim() }))}>
                {t('risk.cases.addNote')}
              </button>
              <button type="button" disabled={note.trim() === ''} onClick={() => void run(() => bridge.invoke('risk.cases.close', { caseId: details.case.id, note: note.trim() }))}>
                {t('risk.cases.close')}
              </button>
              <label className="file-button">
                {t('risk.cases.attach')}
                <input type="file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void attach(f); }} />
              </label>
            </div>
          )}
        </>
      )}
    </section>
  );
}
