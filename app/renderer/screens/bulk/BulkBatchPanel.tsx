import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkBatch, BulkLine } from '../../../shared/contract/handlers/bulk';
import { useBridge } from '../../state/bridge-context';
import { uiSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { capitalsOfWire, centreDateTime, groupedAmount, wireAmount } from '../../components/amount-text';
import { downloadFile } from '../../components/download-file';
import { batchVerifyBlock, exportBlock } from './bulk-rules';
import { BulkLineEditor } from './BulkLineEditor';
import { useMyLimits } from './use-my-limits';

type ErrorText = { message: string; messageZh: string };

/**
 * The batch as the checker sees it (count and total in figures and in 大写, re-keyed from the
 * customer's signed cover sheet), the picked line for the clerk to correct, and the pain.002.
 */
export function BulkBatchPanel(props: {
  batch: BulkBatch;
  line: BulkLine | null;
  onLineChanged: (next: { batch: BulkBatch }, key: string, params: Record<string, unknown>) => Promise<void>;
  onVerified: (key: string, params: Record<string, unknown>) => Promise<void>;
  onError: (error: ErrorText) => void;
}) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => s.session.operator);
  const limits = useMyLimits();
  const { batch } = props;
  const [count, setCount] = useState('');
  const [total, setTotal] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setCount('');
    setTotal('');
  }, [batch.id]);

  const blocked = operator === null ? 'notSupervisor' : batchVerifyBlock({ username: operator.username, roles: operator.roles, checkerLimit: limits?.checkerLimit ?? null }, batch);
  const exportBlocked = exportBlock(batch);
  const keyedTotal = total.replace(/[,，\s]/g, '');
  const keyedCapitals = /^\d+(\.\d{1,2})?$/.test(keyedTotal) ? capitalsOfWire(keyedTotal) : '';

  const verify = async () => {
    if (blocked !== null || busy) return;
    const amount = wireAmount(total) ?? '';
    if (!/^\d+$/.test(count.trim()) || !/^\d+\.\d{2}$/.test(amount)) {
      props.onError({ message: t('bulk.verify.keyBoth', { lng: 'en' }), messageZh: t('bulk.verify.keyBoth', { lng: 'zh-CN' }) });
      return;
    }
    setBusy(true);
    const result = await bridge.invoke('bulk.batches.verify', { batchId: batch.id, count: Number(count.trim()), total: amount });
    setBusy(false);
    if (!result.ok) return props.onError(result.error);
    dispatch(uiSlice.actions.paymentsChanged());
    await props.onVerified('bulk.verify.done', { id: batch.id, count: result.value.paymentIds.length });
  };

  const exportPain002 = async () => {
    const result = await bridge.invoke('bulk.batches.exportPain002', { batchId: batch.id });
    if (!result.ok) return props.onError(result.error);
    downloadFile([result.value.content], result.value.fileName, 'application/xml');
  };

  return (
    <aside className="detail-pane bulk-panel" aria-label={t('bulk.panel')} data-testid="bulk-panel">
      <h3>{t('bulk.batchTitle', { id: batch.id })}</h3>
      <dl className="bulk-facts">
        <dt>{t('bulk.toPay')}</dt>
        <dd data-testid="bulk-count">{t('bulk.countLines', { count: batch.valid })}</dd>
        <dt>{t('bulk.total')}</dt>
        <dd className="amount-big" data-testid="bulk-total">{groupedAmount(batch.total)}</dd>
        <dt>{t('bulk.capitals')}</dt>
        <dd className="capitals" lang="zh-CN" data-testid="bulk-capitals">{batch.totalInCapitals}</dd>
        <dt>{t('bulk.notPaid')}</dt>
        <dd>{t('bulk.notPaidCounts', { invalid: batch.invalid, dropped: batch.dropped })}</dd>
        <dt>{t('bulk.importedBy')}</dt>
        <dd>{batch.importedBy} <span className="muted mono">{centreDateTime(batch.importedAt).slice(0, 16)}</span></dd>
        {batch.verifiedBy !== null && (
          <>
            <dt>{t('bulk.verifiedBy')}</dt>
            <dd>{batch.verifiedBy} <span className="muted mono">{centreDateTime(batch.verifiedAt ?? '').slice(0, 16)}</span></dd>
          </>
        )}
      </dl>
      <div className="detail-actions">
        <button type="button" disabled={exportBlocked !== null} title={exportBlocked === null ? undefined : t('bulk.blocked.notFinal')} onClick={() => void exportPain002()} data-testid="bulk-export">
          {t('bulk.export')}
        </button>
        {exportBlocked !== null && <span className="action-reason" data-testid="bulk-export-blocked">{t('bulk.blocked.notFinal')}</span>}
      </div>

      {props.line !== null && <BulkLineEditor batch={batch} line={props.line} onChanged={props.onLineChanged} onError={props.onError} />}

      {batch.status === 'open' && (
        <form
          className="bulk-verify"
          data-testid="bulk-verify"
          onSubmit={(e) => {
            e.preventDefault();
            void verify();
          }}
        >
          <h4>{t('bulk.verify.title')}</h4>
          <p className="muted">{t('bulk.verify.hint')}</p>
          <div className="bulk-verify-fields">
            <label className="field">
              <span className="field-label">{t('bulk.verify.count')}</span>
              <input className="mono num" name="verify-count" inputMode="numeric" autoComplete="off" maxLength={7} value={count} disabled={blocked !== null} onChange={(e) => setCount(e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">{t('bulk.verify.total')}</span>
              <input className="amount-input" name="verify-total" inputMode="decimal" autoComplete="off" maxLength={20} value={total} disabled={blocked !== null} onChange={(e) => setTotal(e.target.value)} />
            </label>
          </div>
          <span className="capitals bulk-keyed-capitals" lang="zh-CN" data-testid="bulk-keyed-capitals">{keyedCapitals}</span>
          <div className="detail-actions">
            <button type="submit" className="primary" disabled={blocked !== null || busy || count.trim() === '' || total.trim() === ''} title={blocked === null ? undefined : t(`bulk.blocked.${blocked}`, { limit: groupedAmount(limits?.checkerLimit ?? '0.00') })} data-testid="bulk-verify-submit">
              {t('bulk.verify.submit')}
            </button>
            {blocked !== null && <span className="action-reason" data-testid="bulk-verify-blocked">{t(`bulk.blocked.${blocked}`, { limit: groupedAmount(limits?.checkerLimit ?? '0.00') })}</span>}
          </div>
        </form>
      )}
      {busy && <p className="muted">{t('bulk.verify.busy')}</p>}
    </aside>
  );
}
