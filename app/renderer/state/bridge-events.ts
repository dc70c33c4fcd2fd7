import type { HankouBridge } from '../../shared/contract';
import type { AppStore } from './store';
import { alertsSlice, broadcastsSlice, sessionSlice, statusSlice, uiSlice } from './store';
import { areaOfHandler } from './ui-slice';

/** Pushes from the back end go straight into the store; screens read them from there. */
export function wireBridgeEvents(bridge: HankouBridge, store: AppStore): void {
  bridge.on('notice', (notice) => store.dispatch(alertsSlice.actions.received(notice)));
  // Only for someone signed in: the next operator loads the list with their own read marks.
  bridge.on('broadcast', (broadcast) => {
    if (store.getState().session.operator !== null) store.dispatch(broadcastsSlice.actions.received(broadcast));
  });
  bridge.on('status', (status) => store.dispatch(statusSlice.actions.appStatus(status)));
  bridge.on('payments.changed', () => store.dispatch(uiSlice.actions.paymentsChanged()));
  bridge.on('data.changed', ({ handler }) => {
    const area = areaOfHandler(handler);
    if (area !== null) store.dispatch(uiSlice.actions.dataChanged(area));
  });
  bridge.on('session.ended', ({ reason }) => {
    if (store.getState().session.operator !== null) store.dispatch(sessionSlice.actions.ended(reason));
  });
  // A new WebSocket is a new back-end session: whoever was signed in must sign in again.
  let previous = store.getState().status.link;
  store.subscribe(() => {
    const link = store.getState().status.link;
    if (link !== previous) {
      if (link === 'closed' && store.getState().session.operator !== null) store.dispatch(sessionSlice.actions.ended('closed'));
      previous = link;
    }
  });
}
