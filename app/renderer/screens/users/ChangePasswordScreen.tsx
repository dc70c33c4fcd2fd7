import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../state/bridge-context';
import { sessionSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** Passwords are at least this long (the contract's passwordSchema). */
const MIN_PASSWORD_CHARS = 10;

/**
 * The operator's own password: forced after signing in with a one-time password (the whole
 * window is this form until it is done), or chosen from the side nav ("修改密码").
 */
export function ChangePasswordScreen({ forced }: { forced: boolean }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const operator = useAppSelector((s) => s.session.operator);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const problem = next.length > 0 && next.length < MIN_PASSWORD_CHARS ? t('account.tooShort', { n: MIN_PASSWORD_CHARS }) : repeat.length > 0 && repeat !== next ? t('account.mismatch') : null;
  const ready = current !== '' && next.length >= MIN_PASSWORD_CHARS && repeat === next && !busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    const result = await bridge.invoke('auth.changePassword', { current, next });
    setBusy(false);
    setCurrent('');
    setNext('');
    setRepeat('');
    if (!result.ok) {
      setMessage({ kind: 'err', text: localized(i18n.language, result.error) });
      return;
    }
    setMessage({ kind: 'ok', text: t('account.changed') });
    if (forced) dispatch(sessionSlice.actions.passwordChanged());
  };

  const form = (
    <form className={forced ? 'login-card' : 'account-form'} onSubmit={(e) => void submit(e)} aria-labelledby="account-heading" data-testid="account-form">
      <h2 id="account-heading">{t(forced ? 'account.forcedHeading' : 'account.heading')}</h2>
      <p className="notice">{t(forced ? 'account.forcedNotice' : 'account.notice', { user: operator?.username ?? '' })}</p>
      <label className="field">
        <span className="field-label">{t('account.current')}</span>
        <input type="password" name="current" autoComplete="current-password" autoFocus value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('account.next', { n: MIN_PASSWORD_CHARS })}</span>
        <input type="password" name="next" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('account.repeat')}</span>
        <input type="password" name="repeat" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      </label>
      <span className="field-error" data-testid="account-problem">{problem ?? ''}</span>
      {message !== null && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="alert" data-testid="account-message">
          {message.text}
        </p>
      )}
      <div className="login-actions">
        <button type="submit" className="primary" disabled={!ready} data-testid="account-submit">
          {t('account.submit')}
        </button>
        {forced && (
          <button type="button" onClick={() => void bridge.invoke('auth.logout', {}).then(() => dispatch(sessionSlice.actions.ended('logout')))}>
            {t('nav.logout')}
          </button>
        )}
        {forced && <LanguageSwitch />}
      </div>
    </form>
  );
  return forced ? <div className="login-page">{form}</div> : <section className="screen account-screen">{form}</section>;
}
