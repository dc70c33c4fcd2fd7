import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRE_ZONE_LABEL } from '../components/amount-text';
import { LanguageSwitch } from '../components/LanguageSwitch';
import './totp-step.css';

type Props = {
  brand: ReactNode;
  username: string;
  /** Set when the operator sets the code up now: the key, its QR code, until when (HH:MM UTC+8). */
  enrolment: { secret: string; qrDataUrl: string; expiresAt: string } | null;
  busy: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
  onBack: () => void;
};

/** The key in groups of four, as authenticator apps show and people read it aloud. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The second sign-in step (TOTP): the six digits of the operator's authenticator app, and at the
 * first sign-in of a supervisor or administrator the key to add to it, as a QR code and as text.
 * Keyboard only: the code field has the focus, Enter signs in, Esc goes back.
 */
export function TotpStep(props: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const complete = /^\d{6}$/.test(code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.busy || !complete) return;
    props.onSubmit(code);
    setCode('');
  };

  return (
    <form
      className={`login-card totp-card ${props.enrolment ? 'enrol' : ''}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onBack();
      }}
      aria-labelledby="totp-heading"
      data-testid="totp-step"
    >
      {props.brand}
      <h1 id="totp-heading">{t(props.enrolment ? 'bankCentre.totp.enrolHeading' : 'bankCentre.totp.heading')}</h1>
      <p className="muted totp-user">{props.username}</p>
      {props.enrolment ? (
        <>
          <p className="totp-intro">{t('bankCentre.totp.enrolIntro')}</p>
          <div className="totp-enrol">
            <img src={props.enrolment.qrDataUrl} alt={t('bankCentre.totp.qrAlt')} className="totp-qr" data-testid="totp-qr" />
            <div className="totp-secret-box">
              <span className="field-label">{t('bankCentre.totp.secret')}</span>
              <code className="totp-secret" data-testid="totp-secret" data-secret={props.enrolment.secret}>{grouped(props.enrolment.secret)}</code>
              <span className="keys-hint">{t('bankCentre.totp.expiresAt', { time: `${props.enrolment.expiresAt} ${CENTRE_ZONE_LABEL}` })}</span>
            </div>
          </div>
        </>
      ) : (
        <p className="totp-intro">{t('bankCentre.totp.codeIntro')}</p>
      )}
      <label className="field">
        <span className="field-label">{t('bankCentre.totp.code')}</span>
        <input
          name="code"
          className="mono totp-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        />
      </label>
      {props.error !== null && (
        <p className="field-error" role="alert" data-testid="login-error">{props.error}</p>
      )}
      <div className="login-actions">
        <button type="submit" className="primary" disabled={props.busy || !complete}>
          {props.busy ? t('bankCentre.totp.busy') : t('bankCentre.totp.submit')}
        </button>
        <button type="button" onClick={props.onBack}>{t('bankCentre.totp.back')}</button>
        <LanguageSwitch />
      </div>
    </form>
  );
}
