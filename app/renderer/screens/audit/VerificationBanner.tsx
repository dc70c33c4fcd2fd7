import { useTranslation } from 'react-i18next';
import type { AuditVerificationResult } from '../../../shared/contract/handlers/audit';
import { centreDateTime } from '../../components/amount-text';
import { localized } from '../../i18n/i18n';

export type BannerState =
  | { state: 'checking' }
  | { state: 'done'; result: AuditVerificationResult; at: string; source: 'verify' | 'export' }
  | { state: 'failed'; message: string };

interface Props {
  banner: BannerState;
  onVerify: () => void;
  onLocate: (seq: number) => void;
}

/**
 * The chain's verdict above the trail: green with the count and head hash, or red naming the
 * first entry that does not hold, why, and a button that brings it into view.
 */
export function VerificationBanner({ banner, onVerify, onLocate }: Props) {
  const { t, i18n } = useTranslation();
  const stateName = banner.state === 'done' ? (banner.result.ok ? 'ok' : 'broken') : banner.state;
  const when =
    banner.state === 'done' ? t(banner.source === 'export' ? 'audit.banner.fromExport' : 'audit.banner.checkedAt', { time: centreDateTime(banner.at).slice(11) }) : null;
  return (
    <div className={`audit-banner audit-banner-${stateName}`} role="status" data-testid="audit-banner" data-state={stateName}>
      <div className="audit-banner-text">
        {banner.state === 'checking' && <span>{t('audit.banner.checking')}</span>}
        {banner.state === 'failed' && <span>{t('audit.banner.failed', { message: banner.message })}</span>}
        {banner.state === 'done' && banner.result.ok && (
          <span data-testid="audit-banner-ok" data-count={banner.result.count} data-head-seq={banner.result.headSeq} data-head-hash={banner.result.headHash}>
            <span className="audit-banner-mark" aria-hidden="true">✓</span>
            {t('audit.banner.ok', { count: banner.result.count.toLocaleString('en-US'), seq: banner.result.headSeq, hash: '' })}
            <span className="mono audit-hash">{banner.result.headHash}</span>
          </span>
        )}
        {banner.state === 'done' && !banner.result.ok && (
          <>
            <strong data-testid="audit-banner-broken" data-broken-seq={banner.result.brokenSeq}>
              <span className="audit-banner-mark" aria-hidden="true">✗</span>
              {t('audit.banner.broken', { seq: banner.result.brokenSeq, problem: localized(i18n.language, banner.result.problem) })}
            </strong>
            {banner.result.entry !== null && (
              <span className="audit-banner-line">
                {t('audit.banner.brokenEntry', {
                  seq: banner.result.entry.seq,
                  at: centreDateTime(banner.result.entry.at),
                  actor: banner.result.entry.actor,
                  action: banner.result.entry.action,
                  subject: banner.result.entry.subject,
                })}
              </span>
            )}
            <span className="audit-banner-line">{t('audit.banner.brokenBefore', { count: banner.result.count.toLocaleString('en-US') })}</span>
          </>
        )}
      </div>
      <div className="audit-banner-actions">
        {when !== null && <span className="audit-banner-when">{when}</span>}
        {banner.state === 'done' && !banner.result.ok && (
          <button type="button" className="small" data-testid="audit-locate" onClick={() => banner.result.ok || onLocate(banner.result.brokenSeq)}>
            {t('audit.banner.locate', { seq: banner.result.brokenSeq })}
          </button>
        )}
        <button type="button" className="small" data-testid="audit-verify" disabled={banner.state === 'checking'} onClick={onVerify}>
          {t('audit.banner.again')}
        </button>
      </div>
    </div>
  );
}
