import { useTranslation } from 'react-i18next';
import { useBridge } from '../state/bridge-context';
import { sessionSlice, uiSlice, useAppDispatch, useAppSelector } from '../state/store';
import { signedIn } from '../state/session-slice';
import type { Screen } from '../state/ui-slice';
import { canSee } from '../state/screen-access';
import { inboxBadge, inboxRows } from '../screens/messages/inbox-model';

const ITEMS: readonly { screen: Screen; key: string }[] = [
  { screen: 'entry', key: 'F2' },
  { screen: 'verify', key: 'F3' },
  { screen: 'blotter', key: 'F4' },
  { screen: 'alerts', key: 'F6' },
  { screen: 'recon', key: 'F1' },
  { screen: 'risk', key: 'F10' },
  { screen: 'inbound', key: 'F11' },
  // 查询查复: clerks and supervisors; no F-key free (the badge counts what needs them or is unread).
  { screen: 'messages', key: '' },
  { screen: 'liquidity', key: 'F12' },
  { screen: 'audit', key: 'F9' },
  // No F-key is free: a side-nav entry only, shown to those who may read the reports.
  { screen: 'largeValue', key: '' },
  // Rule-set versions: risk officers (and auditors, read-only); no F-key free either.
  { screen: 'riskRules', key: '' },
  // 流动性管理: supervisors (auditors read); no F-key free.
  { screen: 'liquidityManagement', key: '' },
  // 批量支付 and 支付模板 (issue 13): clerks, supervisors, auditors; no F-key free.
  { screen: 'bulk', key: '' },
  { screen: 'templates', key: '' },
  // 排队管理: supervisors (auditors read); no F-key free.
  { screen: 'queueManagement', key: '' },
  // 公告: the clearing centre's broadcasts, for everyone; no F-key free.
  { screen: 'broadcasts', key: '' },
  // Administrators: operators, roles and the four-eyes limits.
  { screen: 'users', key: '' },
  // Everyone: their own password.
  { screen: 'account', key: '' },
  // The clearing centre (centre mode only; the centre roles see nothing above).
  { screen: 'centreDashboard', key: '' },
  { screen: 'centreProposals', key: '' },
  { screen: 'centreBroadcasts', key: '' },
  { screen: 'centreStops', key: '' },
  { screen: 'centreReports', key: '' },
  { screen: 'centreOperators', key: '' },
];

export function SideNav() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const screen = useAppSelector((s) => s.ui.screen);
  const unread = useAppSelector((s) => s.alerts.items.filter((a) => !a.acknowledged).length);
  const unreadBroadcasts = useAppSelector((s) => s.broadcasts.items.filter((b) => b.readAt === null).length);
  const inboxCount = useAppSelector((s) => {
    const self = s.session.participants.find((p) => p.self)?.id ?? '';
    return inboxBadge(inboxRows(s.inbox.data, s.session.operator?.roles ?? [], s.session.operator?.username ?? '', self, s.inbox.readNow));
  });
  // Each role is offered only the screens the back end lets it use (screen-access.ts).
  const roles = useAppSelector((s) => signedIn(s.session)?.roles);
  return (
    <nav className="sidenav" aria-label="main">
      <ul>
        {ITEMS.filter((item) => canSee(roles ?? [], item.screen)).map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className={screen === item.screen ? 'nav-item active' : 'nav-item'}
              aria-current={screen === item.screen ? 'page' : undefined}
              data-testid={`nav-${item.screen}`}
              onClick={() => dispatch(uiSlice.actions.show(item.screen))}
            >
              <span className="nav-label" title={t(`nav.${item.screen}`)}>{t(`nav.${item.screen}`)}</span>
              {item.screen === 'alerts' && unread > 0 && <span className="nav-badge">{unread}</span>}
              {item.screen === 'messages' && inboxCount > 0 && <span className="nav-badge" data-testid="messages-badge">{inboxCount}</span>}
              {item.screen === 'broadcasts' && unreadBroadcasts > 0 && <span className="nav-badge" data-testid="broadcasts-badge">{unreadBroadcasts}</span>}
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
