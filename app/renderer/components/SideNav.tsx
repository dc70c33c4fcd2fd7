import { useTranslation } from 'react-i18next';
import { useBridge } from '../state/bridge-context';
import { sessionSlice, uiSlice, useAppDispatch, useAppSelector } from '../state/store';
import type { Screen } from '../state/ui-slice';
import { canReadAudit } from '../screens/audit/audit-format';
import { canReadLargeValue } from '../screens/large-value/large-value-format';
import { canReadRules } from '../screens/risk-rules/rule-form-model';

const ITEMS: readonly { screen: Screen; key: string }[] = [
  { screen: 'entry', key: 'F2' },
  { screen: 'verify', key: 'F3' },
  { screen: 'blotter', key: 'F4' },
  { screen: 'alerts', key: 'F6' },
  { screen: 'recon', key: 'F1' },
  { screen: 'risk', key: 'F10' },
  { screen: 'inbound', key: 'F11' },
  { screen: 'liquidity', key: 'F12' },
  { screen: 'audit', key: 'F9' },
  // No F-key is free: a side-nav entry only, shown to those who may read the reports.
  { screen: 'largeValue', key: '' },
  // Rule-set versions: risk officers (and auditors, read-only); no F-key free either.
  { screen: 'riskRules', key: '' },
  // 流动性管理: supervisors (auditors read); no F-key free.
  { screen: 'liquidityManagement', key: '' },
];

export function SideNav() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const screen = useAppSelector((s) => s.ui.screen);
  const unread = useAppSelector((s) => s.alerts.items.filter((a) => !a.acknowledged).length);
  // The audit trail is listed only for those who may read it (auditors, administrators).
  const readsAudit = useAppSelector((s) => canReadAudit(s.session.operator?.roles ?? []));
  const readsLargeValue = useAppSelector((s) => canReadLargeValue(s.session.operator?.roles ?? []));
  const readsRules = useAppSelector((s) => canReadRules(s.session.operator?.roles ?? []));
  const readsLiquidity = useAppSelector((s) => (s.session.operator?.roles ?? []).some((r) => r === 'supervisor' || r === 'auditor'));
  return (
    <nav className="sidenav" aria-label="main">
      <ul>
        {ITEMS.filter((item) => (item.screen !== 'audit' || readsAudit) && (item.screen !== 'largeValue' || readsLargeValue) && (item.screen !== 'riskRules' || readsRules) && (item.screen !== 'liquidityManagement' || readsLiquidity)).map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className={screen === item.screen ? 'nav-item active' : 'nav-item'}
              aria-current={screen === item.screen ? 'page' : undefined}
              data-testid={`nav-${item.screen}`}
              onClick={() => dispatch(uiSlice.actions.show(item.screen))}
            >
              <span className="nav-label">{t(`nav.${item.screen}`)}</span>
              {item.screen === 'alerts' && unread > 0 && <span className="nav-badge">{unread}</span>}
              {item.key !== '' && <span className="nav-key">{item.key}</span>}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="nav-item nav-logout"
        data-testid="logout"
        onClick={() => {
          void bridge.invoke('auth.logout', {}).then(() => dispatch(sessionSlice.actions.ended('logout')));
        }}
      >
        <span className="nav-label">{t('nav.logout')}</span>
      </button>
    </nav>
  );
}
