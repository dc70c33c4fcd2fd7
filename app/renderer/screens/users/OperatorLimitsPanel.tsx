import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../state/bridge-context';
import { groupedAmount, wireAmount } from '../../components/amount-text';
import { localized } from '../../i18n/i18n';

const normal = wireAmount;

/**
 * The picked operator's amount limits (issue 13): a maker captures (or imports as batch lines)
 * payments up to its maker limit; a checker verifies a payment, or a batch's total, up to its
 * checker limit. Empty is no limit of the console's own.
 */
export function OperatorLimitsPanel({ username, onDone }: { username: string; onDone: (kind: 'ok' | 'err', text: string) => void }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [maker, setMaker] = useState('');
  const [checker, setChecker] = useState('');
  const [now, setNow] = useState<{ maker: string | null; checker: string | null } | null>(null);

  useEffect(() => {
    let live = true;
    void bridge.invoke('operators.limits.list', {}).then((r) => {
      if (!live || !r.ok) return;
      const row = r.value.rows.find((x) => x.username === username);
      setNow({ maker: row?.makerLimit ?? null, checker: row?.checkerLimit ?? null });
      setMaker(row?.makerLimit == null ? '' : groupedAmount(row.makerLimit));
      setChecker(row?.checkerLimit == null ? '' : groupedAmount(row.checkerLimit));
    });
    return () => {
      live = false;
    };
  }, [bridge, username]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.invoke('operators.limits.set', { username, makerLimit: normal(maker), checkerLimit: normal(checker) });
    if (!result.ok) {
      const detail = (result.error.issues ?? []).map((i) => localized(i18n.language, i)).join(' ');
      return onDone('err', `${localized(i18n.language, result.error)}${detail === '' ? '' : ` ${detail}`}`);
    }
    setNow({ maker: result.value.makerLimit, checker: result.value.checkerLimit });
    const show = (v: string | null) => (v === null ? t('limits.none') : groupedAmount(v));
    onDone('ok', t('limits.saved', { user: username, maker: show(result.value.makerLimit), checker: show(result.value.checkerLimit) }));
  };

  const changed = now !== null && (normal(maker) !== now.maker || normal(checker) !== now.checker);
  return (
    <form className="users-panel" onSubmit={(e) => void save(e)} data-testid="users-limits">
      <h3>{t('limits.title', { user: username })}</h3>
      <p className="muted">{t('limits.hint')}</p>
      <label className="field">
        <span className="field-label">{t('limits.maker')}</span>
        <input className="mono num" name="limit-maker" inputMode="decimal" placeholder={t('limits.none')} maxLength={22} value={maker} onChange={(e) => setMaker(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('limits.checker')}</span>
        <input className="mono num" name="limit-checker" inputMode="decimal" placeholder={t('limits.none')} maxLength={22} value={checker} onChange={(e) => setChecker(e.target.value)} />
      </label>
      <button type="submit" disabled={!changed} data-testid="limits-save">{t('limits.save')}</button>
    </form>
  );
}
