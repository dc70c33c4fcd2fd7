import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../state/bridge-context';
import { alertsSlice, broadcastsSlice, sessionSlice, statusSlice, uiSlice, useAppDispatch, useAppSelector } from '../state/store';
import type { Screen } from '../state/ui-slice';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';
import { AlertStrip } from './AlertStrip';
import { LanguageSwitch } from './LanguageSwitch';
import { PaymentEntryScreen } from '../screens/entry/PaymentEntryScreen';
import { VerificationQueueScreen } from '../screens/verify/VerificationQueueScreen';
import { BlotterScreen } from '../screens/blotter/BlotterScreen';
import { AlertsScreen } from '../screens/AlertsScreen';
import { RiskDeskScreen } from '../screens/risk/RiskDeskScreen';
import { InboundScreen } from '../screens/inbound/InboundScreen';
import { LiquidityScreen } from '../screens/liquidity/LiquidityScreen';
import { ReconScreen } from '../screens/recon/ReconScreen';
import { AuditTrailScreen } from '../screens/audit/AuditTrailScreen';
import { canSee } from '../state/screen-access';
import { signedIn } from '../state/session-slice';
import { mayCall } from '../../shared/contract';
import { CentreStatusBar } from '../screens/centre/CentreStatusBar';
import { CentreDashboardScreen } from '../screens/centre/CentreDashboardScreen';
import { CentreProposalsScreen } from '../screens/centre/CentreProposalsScreen';
import { CentreBroadcastsScreen } from '../screens/centre/CentreBroadcastsScreen';
import { CentreReportsScreen } from '../screens/centre/CentreReportsScreen';
import { CentreStopsScreen } from '../screens/centre/CentreStopsScreen';
import { CentreOperatorsScreen } from '../screens/centre/CentreOperatorsScreen';
import { LargeValueScreen } from '../screens/large-value/LargeValueScreen';
import { RiskRulesScreen } from '../screens/risk-rules/RiskRulesScreen';
import { UsersScreen } from '../screens/users/UsersScreen';
import { ChangePasswordScreen } from '../screens/users/ChangePasswordScreen';
import { LiquidityManagementScreen } from '../screens/liquidity-management/LiquidityManagementScreen';
import { BulkScreen } from '../screens/bulk/BulkScreen';
import { TemplatesScreen } from '../screens/templates/TemplatesScreen';
import { QueueManagementScreen } from '../screens/queue-management/QueueManagementScreen';
import { BroadcastsScreen } from '../screens/broadcasts/BroadcastsScreen';
import { BroadcastAlert } from '../screens/broadcasts/BroadcastAlert';
import { MessageInboxScreen } from '../screens/messages/MessageInboxScreen';
import { useInboxFeed } from '../screens/messages/use-inbox-feed';

/** Function keys that switch screens anywhere in the console, as on a branch terminal. */
const SCREEN_KEYS: Readonly<Record<string, Screen>> = { F2: 'entry', F3: 'verify', F4: 'blotter', F1: 'recon', F6: 'alerts', F10: 'risk', F11: 'inbound', F12: 'liquidity', F9: 'audit' };
/** The idle timer on the back end is reset at most this often by keyboard or mouse use. */
const TOUCH_INTERVAL_MS = 30_000;
const STATUS_POLL_MS = 15_000;

export function Shell() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const dispatch = useAppDispatch();
  const screen = useAppSelector((s) => s.ui.screen);
  const participant = useAppSelector((s) => s.session.participant);
  const paymentsVersion = useAppSelector((s) => s.ui.paymentsVersion);
  const roles = useAppSelector((s) => signedIn(s.session)?.roles);
  const centre = useAppSelector((s) => s.session.centre);
  // The bank's own state (status, directory, notices): a centre session has none of it.
  const bank = mayCall(roles, 'app.status');
  const directoryVersion = useAppSelector((s) => s.ui.dataVersions.directory ?? 0);
  // The message inbox for the nav's badge and its screen (clerks and supervisors only).
  useInboxFeed();

  useEffect(() => {
    if (!bank) return undefined;
    let live = true;
    const loadStatus = () =>
      void bridge.invoke('app.status', {}).then((r) => {
        if (live && r.ok) dispatch(statusSlice.actions.appStatus(r.value));
      });
    void bridge.invoke('notices.list', {}).then((r) => {
      if (live && r.ok) dispatch(alertsSlice.actions.loaded(r.value.notices));
    });
    // Broadcasts this operator has not read show at once, also those that came while signed out.
    void bridge.invoke('broadcasts.list', {}).then((r) => {
      if (live && r.ok) dispatch(broadcastsSlice.actions.loaded(r.value.broadcasts));
    });
    loadStatus();
    const timer = setInterval(loadStatus, STATUS_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge, dispatch, bank]);

  // The directory (行名行号): at sign-in and whenever the house publishes a change to it.
  useEffect(() => {
    if (!bank) return undefined;
    let live = true;
    void bridge.invoke('participants.list', {}).then((r) => {
      if (live && r.ok) dispatch(sessionSlice.actions.participantsLoaded(r.value));
    });
    return () => {
      live = false;
    };
  }, [bridge, dispatch, directoryVersion, bank]);

  // A verified payment (outbox +1) or a sync round changes the status bar's figures: refresh them now.
  useEffect(() => {
    if (paymentsVersion === 0 || !bank) return;
    let live = true;
    void bridge.invoke('app.status', {}).then((r) => {
      if (live && r.ok) dispatch(statusSlice.actions.appStatus(r.value));
    });
    return () => {
      live = false;
    };
  }, [bridge, dispatch, paymentsVersion, bank]);

  useEffect(() => {
    let lastTouch = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch < TOUCH_INTERVAL_MS) return;
      lastTouch = now;
      void bridge.invoke('session.touch', {});
    };
    const onKey = (event: KeyboardEvent) => {
      onActivity();
      // F5 refreshes the screen's data instead of reloading the page (a reload is a new session).
      if (event.key === 'F5' || (event.key === 'r' && (event.ctrlKey || event.metaKey))) {
        event.preventDefault();
        dispatch(uiSlice.actions.paymentsChanged());
        return;
      }
      const target = SCREEN_KEYS[event.key];
      // F9 is also the entry form's submit key: the form claims it first (defaultPrevented). A key
      // only opens a screen the operator may use (the others are not in their menu either).
      if (target === 'audit' && event.defaultPrevented) return;
      if (target !== undefined && !canSee(roles ?? [], target)) return;
      if (target !== undefined && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        dispatch(uiSlice.actions.show(target));
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onActivity);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onActivity);
    };
  }, [bridge, dispatch, roles]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="topbar-title">{t('app.title')}</span>
        {centre === null ? (
          <span className="topbar-bank">
            {participant?.name} <span className="mono">{participant?.bankCode}</span>
          </span>
        ) : (
          <span className="topbar-bank" data-testid="topbar-centre">
            {t('centre.topbar')} <span className="mono">{centre.houseUrl}</span>
          </span>
        )}
        <span className="topbar-spacer" />
        {/* The keys of this operator's screens only (a risk officer has no F2 entry). */}
        <span className="keys-hint" data-testid="topbar-keys">
          {[...Object.entries(SCREEN_KEYS)]
            .filter(([, target]) => canSee(roles ?? [], target))
            .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
            .map(([key, target]) => `${key} ${t(`nav.${target}`)}`)
            .concat(t('ops.refreshKey'))
            .join(' · ')}
        </span>
        <LanguageSwitch />
      </header>
      <SideNav />
      <main className="workspace" data-screen={screen}>
        {screen === 'entry' && <PaymentEntryScreen />}
        {screen === 'verify' && <VerificationQueueScreen />}
        {screen === 'blotter' && <BlotterScreen />}
        {screen === 'alerts' && <AlertsScreen />}
        {screen === 'risk' && <RiskDeskScreen />}
        {screen === 'inbound' && <InboundScreen />}
        {screen === 'messages' && <MessageInboxScreen />}
        {screen === 'liquidity' && <LiquidityScreen />}
        {screen === 'recon' && <ReconScreen />}
        {screen === 'audit' && <AuditTrailScreen />}
        {screen === 'largeValue' && <LargeValueScreen />}
        {screen === 'riskRules' && <RiskRulesScreen />}
        {screen === 'users' && <UsersScreen />}
        {screen === 'account' && <ChangePasswordScreen forced={false} />}
        {screen === 'liquidityManagement' && <LiquidityManagementScreen />}
        {screen === 'bulk' && <BulkScreen />}
        {screen === 'templates' && <TemplatesScreen />}
        {screen === 'queueManagement' && <QueueManagementScreen />}
        {screen === 'broadcasts' && <BroadcastsScreen />}
        {screen === 'centreDashboard' && <CentreDashboardScreen />}
        {screen === 'centreProposals' && <CentreProposalsScreen />}
        {screen === 'centreBroadcasts' && <CentreBroadcastsScreen />}
        {screen === 'centreStops' && <CentreStopsScreen />}
        {screen === 'centreReports' && <CentreReportsScreen />}
        {screen === 'centreOperators' && <CentreOperatorsScreen />}
      </main>
      {bank && <BroadcastAlert />}
      {bank && <AlertStrip />}
      {centre === null ? <StatusBar /> : <CentreStatusBar />}
    </div>
  );
}
