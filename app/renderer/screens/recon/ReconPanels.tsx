import { useTranslation } from 'react-i18next';
import type { ReconSessionDetail } from '../../../shared/contract/handlers/recon';
import { signedGrouped } from './recon-format';
import { IdText } from '../../components/IdText';
import { amountColumnEm } from '../../components/amount-width';

/** The panels are narrow: an id keeps its last segment (the sequence, 8 digits) in view. */
const PANEL_TAIL_CHARS = 9;

/** One id whole at its tail, and how many more (all of them in the tooltip). */
function IdList({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <span className="id-list" title={ids.join('\n')}>
      <IdText id={ids[0]!} tailChars={PANEL_TAIL_CHARS} />
      {ids.length > 1 && <span className="muted"> +{ids.length - 1}</span>}
    </span>
  );
}

/** The proof of the day: opening + statement movements = closing, and what is still open. */
export function ProofPanel({ detail, onClose }: { detail: ReconSessionDetail; onClose: (() => void) | null }) {
  const { t } = useTranslation();
  const s = detail.summary;
  const row = (label: string, value: string | null, testId?: string, total = false) => (
    <tr className={total ? 'total' : undefined}>
      <td>{label}</td>
      <td className="num" data-testid={testId}>{signedGrouped(value)}</td>
    </tr>
  );
  return (
    <section className="recon-panel" data-testid="recon-proof" aria-labelledby="recon-proof-title">
      <h3 id="recon-proof-title">{t('recon.summary.title')}</h3>
      <table className="proof">
        <tbody>
          {row(t('recon.summary.opening'), s.opening, 'proof-opening')}
          {row(t('recon.summary.movements'), s.statementMovements)}
          {row(t('recon.summary.computed'), s.computedClosing, 'proof-computed', true)}
          {row(t('recon.summary.closing'), s.closing, 'proof-closing')}
          {row(t('recon.summary.books'), s.booksMovements)}
          {row(t('recon.summary.writtenOff'), s.writtenOff)}
          {row(t('recon.summary.carried'), s.carriedForward)}
          <tr>
            <td>{t('recon.summary.open')} / {t('recon.summary.unowned')} / {t('recon.summary.pending')}</td>
            <td className="num">{s.openExceptions} / {s.unownedExceptions} / {s.pendingWriteOffs}</td>
          </tr>
        </tbody>
      </table>
      <div className="proof-foot">
        <p className={s.proven ? 'proof-state proof-ok' : 'proof-state proof-no'} data-testid="proof-state">
          {detail.session.status === 'closed' ? `✓ ${t('recon.status.closed')}` : s.proven ? `✓ ${t('recon.summary.proven')}` : t('recon.summary.notProven')}
        </p>
        {onClose !== null && (
          <button type="button" className="primary" data-testid="recon-close" disabled={!s.proven} onClick={onClose}>
            {t('recon.actions.close')}
          </button>
        )}
      </div>
      {!s.proven && detail.session.status === 'open' && (
        <ul className="proof-blockers">
          {s.blockers.map((b) => (
            <li key={b}>{t(`recon.blocker.${b}`)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MatchesPanel(props: { detail: ReconSessionDetail; picked: number | null; onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const matches = [...props.detail.matches].reverse();
  // Scores and differences are never cut: their columns fit the widest value; the ids give way (from the middle).
  // At least as wide as its heading ("Difference").
  const diffEm = amountColumnEm(matches.map((m) => signedGrouped(m.difference)), 9);
  return (
    <section className="recon-panel" data-testid="recon-matches">
      <h3>{t('recon.matches', { n: matches.length })}</h3>
      <table className="mini mini-fixed">
        <colgroup>
          <col style={{ width: '6.5em' }} />
          <col style={{ width: '3.6em' }} />
          <col />
          <col />
          <col style={{ width: `${diffEm}em` }} />
          <col style={{ width: '4.6em' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('recon.matchCols.rule')}</th>
            <th>{t('recon.matchCols.score')}</th>
            <th>{t('recon.matchCols.books')}</th>
            <th>{t('recon.matchCols.statement')}</th>
            <th>{t('recon.matchCols.difference')}</th>
            <th>{t('recon.matchCols.by')}</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id} className={props.picked === m.id ? 'picked' : undefined} data-match-id={m.id} onClick={() => props.onPick(m.id)} title={m.reason ?? undefined}>
              <td>{t(`recon.rule.${m.rule}`, { defaultValue: m.rule })}</td>
              <td className="num">{m.score.toFixed(2)}</td>
              <td><IdList ids={m.books} /></td>
              <td><IdList ids={m.statement} /></td>
              <td className="num">{signedGrouped(m.difference)}</td>
              <td>{m.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function WriteOffPanel(props: { detail: ReconSessionDetail; canApprove: boolean; me: string; onDecide: (id: number, approve: boolean) => void }) {
  const { t } = useTranslation();
  const rows = [...props.detail.writeOffs].reverse();
  const amountEm = amountColumnEm(rows.map((w) => signedGrouped(w.amount)), 6);
  return (
    <section className="recon-panel" data-testid="recon-writeoffs">
      <h3>{t('recon.writeOffs', { n: rows.length })}</h3>
      <table className="mini mini-fixed">
        <colgroup>
          {/* The line's reference whole (a bank charge's "FEE20261201"); the reason gives way (tooltip). */}
          <col style={{ width: '7.4em' }} />
          <col style={{ width: `${amountEm}em` }} />
          <col />
          <col style={{ width: '4.6em' }} />
          <col style={{ width: '7.5em' }} />
        </colgroup>
        <tbody>
          {rows.map((w) => (
            <tr key={w.id} data-writeoff-id={w.id}>
              <td><IdText id={w.lineId} tailChars={11} /></td>
              <td className="num">{signedGrouped(w.amount)}</td>
              <td title={w.reason}>{w.reason}</td>
              <td>{w.proposedBy}</td>
              <td className={`rstate-${w.status === 'pending' ? 'write_off_pending' : 'written_off'}`} title={w.decisionNote ?? undefined} style={{ whiteSpace: 'normal' }}>
                {t(`recon.writeOffStatus.${w.status}`)}
                {w.decidedBy ? ` · ${w.decidedBy}` : ''}{' '}
                {w.status === 'pending' && props.canApprove && w.proposedBy !== props.me && props.detail.session.status === 'open' && (
                  <>
                    <button type="button" data-testid={`approve-${w.id}`} onClick={() => props.onDecide(w.id, true)}>{t('recon.actions.approve')}</button>{' '}
                    <button type="button" onClick={() => props.onDecide(w.id, false)}>{t('recon.actions.refuse')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
