import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkBatch, BulkLine } from '../../../shared/contract/handlers/bulk';
import { MAX_BULK_FILE_CHARS } from '../../../shared/contract/handlers/bulk';
import { mayCall } from '../../../shared/contract/handler-access';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { useRefreshKey } from '../../state/use-refresh-key';
import { localized } from '../../i18n/i18n';
import { centreDateTime, groupedAmount } from '../../components/amount-text';
import { BulkLines } from './BulkLines';
import { BulkBatchPanel } from './BulkBatchPanel';
import { MAX_BULK_FILE_BYTES } from './bulk-rules';
import './bulk.css';

/** A message kept as what it says, not as words: a language switch re-renders it. */
type Message = { kind: 'ok' | 'err'; key: string; params?: Record<string, unknown> } | { kind: 'err'; error: { message: string; messageZh: string } };
/** Lines shown at once; a larger batch pages on with "more". */
const PAGE_LINES = 500;

/**
 * 批量支付 (issue 13): a clerk imports a customer's pain.001 or CSV file, fixes or drops the
 * lines that failed; a supervisor who did not import it verifies the batch by re-keying its
 * count and total; then each line follows its payment, and the pain.002 goes back to the
 * customer. The file is read by the browser's own file input and its text sent over the
 * contract (bulk.import judges it; the renderer reads nothing else from disk).
 */
export function BulkScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const roles = useAppSelector((s) => s.session.operator?.roles) ?? [];
  const paymentsKey = useRefreshKey('payments');
  const bulkKey = useRefreshKey('bulk');
  const [status, setStatus] = useState<'open' | 'verified' | 'all'>('all');
  const [batches, setBatches] = useState<BulkBatch[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [lines, setLines] = useState<BulkLine[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [onlyInvalid, setOnlyInvalid] = useState(false);
  const [pickedLine, setPickedLine] = useState<number | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const mayImport = mayCall(roles, 'bulk.import');
  const fail = useCallback((error: { message: string; messageZh: string }) => setMessage({ kind: 'err', error }), []);

  const loadBatches = useCallback(async () => {
    const result = await bridge.invoke('bulk.batches.list', { status });
    if (!result.ok) return fail(result.error);
    setBatches(result.value.rows);
    setPicked((p) => (p !== null && result.value.rows.some((b) => b.id === p) ? p : (result.value.rows[0]?.id ?? null)));
  }, [bridge, fail, status]);

  const loadLines = useCallback(
    async (batchId: string, afterLine = 0) => {
      const result = await bridge.invoke('bulk.batches.get', { batchId, afterLine, limit: PAGE_LINES, onlyInvalid });
      if (!result.ok) return fail(result.error);
      setLines((before) => (afterLine === 0 ? result.value.lines : [...before, ...result.value.lines]));
      setHasMore(result.value.hasMore);
      setBatches((rows) => rows.map((b) => (b.id === batchId ? result.value.batch : b)));
    },
    [bridge, fail, onlyInvalid],
  );

  // F5, a payment's new status (settled at the house) and anyone's change to a batch reload both.
  useEffect(() => {
    void loadBatches();
  }, [loadBatches, paymentsKey, bulkKey]);
  useEffect(() => {
    if (picked === null) {
      setLines([]);
      return;
    }
    void loadLines(picked);
  }, [picked, loadLines, paymentsKey, bulkKey]);

  const batch = batches.find((b) => b.id === picked) ?? null;
  const line = lines.find((l) => l.line === pickedLine) ?? null;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    if (file.size > MAX_BULK_FILE_BYTES) return setMessage({ kind: 'err', key: 'bulk.tooLarge', params: { name: file.name } });
    const content = await file.text();
    if (content.length > MAX_BULK_FILE_CHARS) return setMessage({ kind: 'err', key: 'bulk.tooLarge', params: { name: file.name } });
    setBusy(true);
    const result = await bridge.invoke('bulk.import', { content, fileName: file.name.slice(0, 200) });
    setBusy(false);
    if (!result.ok) return fail(result.error);
    const imported = result.value.batch;
    setMessage({ kind: imported.invalid > 0 ? 'err' : 'ok', key: imported.invalid > 0 ? 'bulk.importedWithErrors' : 'bulk.imported', params: { id: imported.id, lines: imported.lines, invalid: imported.invalid } });
    setOnlyInvalid(imported.invalid > 0);
    setStatus('all');
    setPicked(imported.id);
    setPickedLine(null);
    await loadBatches();
  };

  /** A line changed (fixed, dropped): the batch's counts and every open line were judged again. */
  const lineChanged = async (next: { batch: BulkBatch }, key: string, params: Record<string, unknown>) => {
    setMessage({ kind: 'ok', key, params });
    setBatches((rows) => rows.map((b) => (b.id === next.batch.id ? next.batch : b)));
    await loadLines(next.batch.id);
  };

  return (
    <section className="screen bulk-screen" aria-labelledby="bulk-heading">
      <div className="screen-head">
        <h2 id="bulk-heading">{t('bulk.heading')}</h2>
        <label className="inline-field">
          <span className="field-label">{t('bulk.show')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="bulk-status-filter">
            {(['all', 'open', 'verified'] as const).map((s) => (
              <option key={s} value={s}>{t(`bulk.filter.${s}`)}</option>
            ))}
          </select>
        </label>
        <span className="bulk-head-actions">
          <input ref={fileRef} type="file" accept=".xml,.csv,.txt,application/xml,text/xml,text/csv" hidden onChange={(e) => void onFile(e)} data-testid="bulk-file" />
          <button type="button" className="primary" disabled={!mayImport || busy} title={mayImport ? undefined : t('bulk.clerksImport')} onClick={() => fileRef.current?.click()} data-testid="bulk-import">
            {busy ? t('bulk.importing') : t('bulk.import')}
          </button>
          {!mayImport && <span className="action-reason">{t('bulk.clerksImport')}</span>}
        </span>
      </div>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="alert" data-testid="bulk-message">
          {'error' in message ? localized(i18n.language, message.error) : t(message.key, message.params)}
        </p>
      )}
      <div className="bulk-batches queue-list" data-testid="bulk-batches">
        {batches.length === 0 ? (
          <p className="empty">{t('bulk.noBatches')}</p>
        ) : (
          <table className="dense-table">
            <colgroup>
              <col style={{ width: '13em' }} />
              <col />
              <col style={{ width: '6.5em' }} />
              <col style={{ width: '6.5em' }} />
              <col style={{ width: '4.5em' }} />
              <col style={{ width: '4.5em' }} />
              <col style={{ width: '4.5em' }} />
              <col style={{ width: '5.5em' }} />
              <col style={{ width: '9.5em' }} />
              <col style={{ width: '7em' }} />
              <col style={{ width: '8.5em' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('bulk.col.batch')}</th>
                <th>{t('bulk.col.file')}</th>
                <th>{t('bulk.col.format')}</th>
                <th>{t('bulk.col.status')}</th>
                <th className="num">{t('bulk.col.lines')}</th>
                <th className="num">{t('bulk.col.valid')}</th>
                <th className="num">{t('bulk.col.invalid')}</th>
                <th className="num">{t('bulk.col.dropped')}</th>
                <th className="num">{t('bulk.col.total')}</th>
                <th>{t('bulk.col.importedBy')}</th>
                <th>{t('bulk.col.importedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-batch={b.id} className={b.id === picked ? 'selected' : undefined} aria-selected={b.id === picked} onClick={() => { setPicked(b.id); setPickedLine(null); }}>
                  <td className="mono">{b.id}</td>
                  <td title={b.fileName ?? ''}>{b.fileName ?? '—'}</td>
                  <td>{b.format === 'csv' ? 'CSV' : `pain.${b.version}`}</td>
                  <td data-testid="bulk-batch-status"><span className={`chip bulk-${batchPhase(b)}`}>{t(`bulk.phase.${batchPhase(b)}`)}</span></td>
                  <td className="num">{b.lines}</td>
                  <td className="num">{b.valid}</td>
                  <td className={b.invalid > 0 ? 'num err' : 'num'}>{b.invalid}</td>
                  <td className="num">{b.dropped}</td>
                  <td className="num">{groupedAmount(b.total)}</td>
                  <td>{b.importedBy}</td>
                  <td className="mono">{centreDateTime(b.importedAt).slice(5, 16)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {batch !== null && (
        <div className="bulk-split">
          <BulkLines
            batch={batch}
            lines={lines}
            hasMore={hasMore}
            onlyInvalid={onlyInvalid}
            picked={pickedLine}
            onPick={setPickedLine}
            onOnlyInvalid={setOnlyInvalid}
            onMore={() => void loadLines(batch.id, lines[lines.length - 1]?.line ?? 0)}
          />
          <BulkBatchPanel batch={batch} line={line} onLineChanged={lineChanged} onVerified={async (key, params) => { setMessage({ kind: 'ok', key, params }); await loadBatches(); await loadLines(batch.id); }} onError={fail} />
        </div>
      )}
    </section>
  );
}

/** Where a batch stands for the people working it. */
export function batchPhase(b: BulkBatch): 'open' | 'invalid' | 'verified' | 'final' {
  if (b.final) return 'final';
  if (b.status === 'verified') return 'verified';
  return b.invalid > 0 ? 'invalid' : 'open';
}
