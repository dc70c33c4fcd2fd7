import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerOutput } from '../../../shared/contract';
import { useBridge } from '../../state/bridge-context';
import { useAppSelector } from '../../state/store';
import { messageText, type CentreMessage } from './centre-message';
import { downloadFile } from '../../components/download-file';
import './centre.css';

type Bank = HandlerOutput<'centre.directory'>['participants'][number];
const BOM = '\uFEFF';

/** 报表: the day's settlement report of every bank (CSV) and one bank's camt.053 statement. */
export function CentreReportsScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const businessDate = useAppSelector((s) => s.session.businessDate) ?? '';
  const [date, setDate] = useState(businessDate);
  const [banks, setBanks] = useState<Bank[]>([]);
  const [bank, setBank] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<CentreMessage | null>(null);

  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.directory', {}).then((r) => {
      if (live && r.ok) setBanks(r.value.participants);
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const fetchFile = async (call: () => ReturnType<typeof bridge.invoke<'centre.reports.camt053'>>, withBom: boolean) => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      setMessage({ kind: 'err', error: r.error });
      return;
    }
    // A BOM so spreadsheet programs read the CSV's Chinese names as UTF-8.
    downloadFile(withBom ? [BOM, r.value.content] : [r.value.content], r.value.fileName, r.value.mimeType);
    setMessage({ kind: 'ok', key: 'centre.reports.downloaded', params: { file: r.value.fileName } });
  };

  return (
    <div className="screen centre-screen" data-testid="centre-reports">
      <div className="centre-head">
        <h2>{t('nav.centreReports')}</h2>
        <span className="muted">{t('centre.reports.intro')}</span>
      </div>
      <div className="centre-panel centre-form centre-reports">
        <label className="field">
          <span className="field-label">{t('centre.reports.date')}</span>
          <input className="mono" value={date} maxLength={10} placeholder="YYYY-MM-DD" onChange={(e) => setDate(e.target.value.trim())} data-testid="cr-date" />
        </label>
        <section>
          <h3>{t('centre.reports.settlement')}</h3>
          <p className="muted">{t('centre.reports.settlementHint')}</p>
          <button type="button" className="primary" disabled={busy || !validDate} onClick={() => void fetchFile(() => bridge.invoke('centre.reports.settlementCsv', { date }), true)} data-testid="cr-csv">
            {t('centre.reports.downloadCsv')}
          </button>
        </section>
        <section>
          <h3>{t('centre.reports.camt')}</h3>
          <p className="muted">{t('centre.reports.camtHint')}</p>
          <div className="centre-inline-form">
            <select value={bank} onChange={(e) => setBank(e.target.value)} aria-label={t('centre.proposals.bank')} data-testid="cr-bank">
              <option value="">{t('centre.proposals.pickBank')}</option>
              {banks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.id} {b.name} {b.bankCode}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy || !validDate || bank === ''} onClick={() => void fetchFile(() => bridge.invoke('centre.reports.camt053', { participantId: bank, date }), false)} data-testid="cr-camt">
              {t('centre.reports.downloadCamt')}
            </button>
            {bank === '' && <span className="muted">{t('centre.reports.pickFirst')}</span>}
          </div>
        </section>
        {message !== null && (
          <p className={message.kind === 'ok' ? 'notice' : 'notice notice-error'} role="status" data-testid="cr-message">
            {messageText(message, t, i18n.language)}
          </p>
        )}
      </div>
    </div>
  );
}
