import { useTranslation } from 'react-i18next';
import type { BulkBatch, BulkLine } from '../../../shared/contract/handlers/bulk';
import { groupedAmount } from '../../components/amount-text';
import { StatusChip } from '../../components/StatusChip';

/** The batch's lines as the file gave them, each with its errors, or its payment's status once verified. */
export function BulkLines(props: {
  batch: BulkBatch;
  lines: BulkLine[];
  hasMore: boolean;
  onlyInvalid: boolean;
  picked: number | null;
  onPick: (line: number) => void;
  onOnlyInvalid: (only: boolean) => void;
  onMore: () => void;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <div className="bulk-lines">
      <div className="bulk-lines-head">
        <h3>{t('bulk.linesOf', { id: props.batch.id })}</h3>
        <label className="inline-check">
          <input type="checkbox" checked={props.onlyInvalid} onChange={(e) => props.onOnlyInvalid(e.target.checked)} data-testid="bulk-only-invalid" />
          {t('bulk.onlyInvalid', { count: props.batch.invalid })}
        </label>
      </div>
      <div className="queue-list" data-testid="bulk-lines">
        {props.lines.length === 0 ? (
          <p className="empty">{props.onlyInvalid ? t('bulk.noInvalid') : t('bulk.noLines')}</p>
        ) : (
          <table className="dense-table bulk-lines-table">
            <colgroup>
              <col style={{ width: '3.2em' }} />
              <col style={{ width: '6.5em' }} />
              <col style={{ width: '7em' }} />
              <col style={{ width: '9em' }} />
              <col style={{ width: '11.5em' }} />
              <col style={{ width: '8.5em' }} />
              <col style={{ width: '7.5em' }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th className="num">{t('bulk.col.line')}</th>
                <th>{t('bulk.col.state')}</th>
                <th>{t('bulk.col.reference')}</th>
                <th>{t('bulk.col.creditor')}</th>
                <th>{t('bulk.col.account')}</th>
                <th>{t('bulk.col.bankCode')}</th>
                <th className="num">{t('bulk.col.amount')}</th>
                <th>{t('bulk.col.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l) => {
                const problem = l.state === 'dropped' ? t('bulk.droppedNote', { note: l.note ?? '' }) : l.errors.map((e) => (zh ? e.reasonZh : e.reason)).join('；');
                return (
                  <tr key={l.line} data-line={l.line} className={l.line === props.picked ? 'selected' : undefined} aria-selected={l.line === props.picked} onClick={() => props.onPick(l.line)}>
                    <td className="num">{l.line}</td>
                    <td data-testid="bulk-line-state">
                      {l.state === 'submitted' && l.paymentStatus !== null ? <StatusChip status={l.paymentStatus} /> : <span className={`chip line-${l.state}`}>{t(`bulk.lineState.${l.state}`)}</span>}
                    </td>
                    <td className="mono" title={l.reference ?? ''}>{l.reference ?? '—'}</td>
                    <td className="wrap" title={l.creditorName ?? ''}>{l.creditorName ?? '—'}</td>
                    <td className="mono" title={l.creditorAccount ?? ''}>{l.creditorAccount ?? '—'}</td>
                    <td className="mono">{l.creditorBankCode ?? '—'}</td>
                    <td className="num">{l.amount === null ? '—' : groupedAmount(l.amount)}</td>
                    <td className={l.errors.length > 0 ? 'problem err' : 'problem muted'} title={problem}>{problem}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {props.hasMore && (
          <button type="button" className="small bulk-more" onClick={props.onMore}>{t('bulk.more')}</button>
        )}
      </div>
    </div>
  );
}
