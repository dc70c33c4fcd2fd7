import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../state/bridge-context';
import { sessionSlice, useAppDispatch, useAppSelector } from '../state/store';
import { localized } from '../i18n/i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { centreDateTime } from '../components/amount-text';
import type { HandlerOutput } from '../../shared/contract';
import { TotpStep } from './TotpStep';

type Enrolment = HandlerOutput<'auth.totpEnrolment'>;
type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; enrolment: Enrolment };
type Failure = { code?: string; message: string; messageZh: string };
import { CentreLoginScreen } from './centre/CentreLoginScreen';

export function LoginScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const endedReason = useAppSelector((s) => s.session.endedReason);
  const link = useAppSelector((s) => s.status.link);
  const missingKey = useAppSelector((s) => s.status.missingKey);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  // Centre mode (hankou console serve --centre URL): the centre's sign-in instead of the bank's.
  const [centreHouse, setCentreHouse] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void bridge.invoke('centre.mode', {}).then((r) => {
      if (live) setCentreHouse(r.ok && r.value.enabled ? r.value.houseUrl : null);
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  const backToPassword = (failure: Failure | null) => {
    setStep({ kind: 'password' });
    setPassword('');
    setError(failure);
  };

  /** One sign-in attempt; with `code` the second factor goes along (the password is sent again). */
  const attempt = async (code?: string) => {
    setBusy(true);
    setError(null);
    const result = await bridge.invoke('auth.login', { username: username.trim(), password, ...(code !== undefined ? { code } : {}) });
    if (result.ok) {
      setBusy(false);
      setPassword('');
      setStep({ kind: 'password' });
      dispatch(sessionSlice.actions.loggedIn(result.value));
      return;
    }
    const failure = result.error;
    if (failure.code === 'auth.totp_required') {
      setStep({ kind: 'code' });
    } else if (failure.code === 'auth.totp_enrol') {
      const enrolment = await bridge.invoke('auth.totpEnrolment', { username: username.trim(), password });
      if (enrolment.ok) setStep({ kind: 'enrol', enrolment: enrolment.value });
      else backToPassword(enrolment.error);
    } else if (failure.code === 'auth.totp_invalid') {
      setError(failure);
    } else {
      backToPassword(failure);
    }
    setBusy(false);
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void attempt();
  };

  const brand = (
    <div className="login-brand">
      <div className="login-title">{t('app.title')}</div>
      <div className="login-subtitle">{t('app.subtitle')}</div>
    </div>
  );

  if (typeof centreHouse === 'string') return <CentreLoginScreen houseUrl={centreHouse} />;

  if (step.kind !== 'password') {
    return (
      <div className="login-page">
        <TotpStep
          brand={brand}
          username={username.trim()}
          enrolment={step.kind === 'enrol' ? { ...step.enrolment, expiresAt: centreDateTime(step.enrolment.expiresAt).slice(11, 16) } : null}
          busy={busy}
          error={error === null ? null : localized(i18n.language, error)}
          onSubmit={(code) => void attempt(code)}
          onBack={() => backToPassword(null)}
        />
      </div>
    );
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submitPassword} aria-labelledby="login-heading">
        {brand}
        <h1 id="login-heading">{t('login.heading')}</h1>
        {endedReason !== null && <p className="notice">{t(`login.ended.${endedReason}`)}</p>}
        {missingKey ? (
          <p className="notice notice-error" data-testid="missing-key">{t('login.missingKey')}</p>
        ) : (
          link === 'closed' && <p className="notice notice-error">{t('login.disconnected')}</p>
        )}
        <label className="field">
          <span className="field-label">{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error !== null && (
          <p className="field-error" role="alert" data-testid="login-error">
            {localized(i18n.language, error)}
          </p>
        )}
        <div className="login-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
          <LanguageSwitch />
        </div>
        <p className="keys-hint">{t('login.hint')}</p>
      </form>
    </div>
  );
}
