import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../state/bridge-context';
import { sessionSlice, useAppDispatch, useAppSelector } from '../../state/store';
import { localized } from '../../i18n/i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { QrCode } from './QrCode';
import { groupedSecret } from './qr-svg';

type Enrolment = { secret: string; otpauthUri: string; qrSvg: string };

/**
 * The clearing centre's sign-in (centre mode): user name and password at the house, then the
 * 6-digit code of the authenticator app. At the first sign-in the house shows the secret once,
 * as a QR code and as text, and keeps it when a code made from it is entered.
 */
export function CentreLoginScreen(props: { houseUrl: string }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const endedReason = useAppSelector((s) => s.session.endedReason);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; messageZh: string } | null>(null);

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await bridge.invoke('centre.login', { username: username.trim(), password });
    setBusy(false);
    setPassword('');
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setEnrolment(result.value.enrolment ?? null);
    setCode('');
    setStep('code');
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !/^\d{6}$/.test(code)) return;
    setBusy(true);
    setError(null);
    const result = await bridge.invoke('centre.loginTotp', { code });
    setBusy(false);
    setCode('');
    if (result.ok) {
      const { operator, businessDate, houseUrl, idleTimeoutMs } = result.value;
      dispatch(sessionSlice.actions.centreLoggedIn({ operator, businessDate, houseUrl, idleTimeoutMs }));
      return;
    }
    setError(result.error);
    // Anything but a wrong code (expired challenge, lockout) starts again from the password.
    if (result.error.code !== 'centre.invalid_credentials') {
      setStep('password');
      setEnrolment(null);
    }
  };

  const back = () => {
    setStep('password');
    setEnrolment(null);
    setError(null);
  };

  return (
    <div className="login-page">
      <form
        className={enrolment === null ? 'login-card' : 'login-card centre-enrol-card'}
        onSubmit={(e) => void (step === 'password' ? submitPassword(e) : submitCode(e))}
        aria-labelledby="centre-login-heading"
        data-testid="centre-login"
      >
        <div className="login-brand">
          <div className="login-title">{t('app.title')}</div>
          <div className="login-subtitle">{t('centre.login.subtitle')}</div>
        </div>
        <h1 id="centre-login-heading">{step === 'password' ? t('centre.login.heading') : enrolment === null ? t('centre.login.codeHeading') : t('centre.login.enrolHeading')}</h1>
        <p className="muted centre-house">
          {t('centre.login.house')} <span className="mono">{props.houseUrl}</span>
        </p>
        {endedReason !== null && step === 'password' && <p className="notice">{t(`login.ended.${endedReason}`)}</p>}
        {step === 'password' ? (
          <>
            <label className="field">
              <span className="field-label">{t('login.username')}</span>
              <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} />
            </label>
            <label className="field">
              <span className="field-label">{t('login.password')}</span>
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
          </>
        ) : (
          <>
            {enrolment !== null && (
              <div className="centre-enrol" data-testid="centre-enrolment">
                <QrCode svg={enrolment.qrSvg} label={t('centre.login.qrLabel')} sizePx={168} />
                <div className="centre-enrol-text">
                  <p>{t('centre.login.enrolHint')}</p>
                  <p className="field-label">{t('centre.login.secret')}</p>
                  <p className="mono centre-secret" data-testid="centre-secret" data-secret={enrolment.secret}>
                    {groupedSecret(enrolment.secret)}
                  </p>
                </div>
              </div>
            )}
            <label className="field">
              <span className="field-label">{t('centre.login.code')}</span>
              <input
                name="totp"
                className="mono centre-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                autoFocus
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              />
            </label>
          </>
        )}
        {error !== null && (
          <p className="field-error" role="alert" data-testid="login-error">
            {localized(i18n.language, error)}
          </p>
        )}
        <div className="login-actions">
          <button type="submit" className="primary" disabled={busy || (step === 'code' && code.length !== 6)}>
            {busy ? t('login.busy') : step === 'password' ? t('centre.login.next') : t('login.submit')}
          </button>
          {step === 'code' && (
            <button type="button" onClick={back}>
              {t('centre.login.back')}
            </button>
          )}
          <LanguageSwitch />
        </div>
        <p className="keys-hint">{step === 'password' ? t('centre.login.hint') : t('centre.login.codeHint')}</p>
      </form>
    </div>
  );
}
