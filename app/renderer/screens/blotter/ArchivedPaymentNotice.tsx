import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { centreDateTime, groupedAmount } from '../../components/amount-text';

type Archived = NonNullable<HandlerOutput<'payments.archived'>['archived']>;

/**
 * When the blotter's id filter finds nothing, the payment may have left the console's window
 * (docs/archive.md): this asks the archive and says so, where, and what the archive holds, so
 * the clerk does not conclude the payment never existed.
 */
export function ArchivedPaymentNotice({ id }: { id: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [archived, setArchived] = useState<Archived | null>(null);

  useEffect(() => {
    let current = true;
    setArchived(null);
    void bridge.invoke('payments.archived', { id }).then((result) => {
      if (current && result.ok) setArchived(result.value.archived);
    });
    return () => {
      current = false;
    };
  }, [bridge, id]);

  if (archived === null) return null;
  const p = archived.payment;
  return (
    <div className="notice archived-notice" role="status" data-testid="blotter-archived">
      <strong>{t('blotter.archived.title', { id, date: archived.businessDate })}</strong>
      {p !== null && (
        <span data-testid="blotter-archived-row">
          {' '}
          {t('blotter.archived.row', {
            direction: t(`directions.${p.direction}`),
            kind: t(`kinds.${p.kind}`),
            status: t(`statuses.${p.status}`),
            amount: groupedAmount(p.amount),
            currency: p.currency,
            counterparty: p.counterpartyName,
          })}
        </span>
      )}
      <br />
      <span className="muted">{t('blotter.archived.where', { at: centreDateTime(archived.archivedAt).slice(0, 16), location: archived.location })}</span>
      {archived.problem !== null && (
        <>
          <br />
          <span className="err">{t('blotter.archived.problem', { problem: archived.problem })}</span>
        </>
      )}
    </div>
  );
}
