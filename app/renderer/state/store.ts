import { configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector, type TypedUseSelectorHook } from 'react-redux';
import { sessionSlice } from './session-slice';
import { statusSlice } from './status-slice';
import { alertsSlice } from './alerts-slice';
import { uiSlice } from './ui-slice';
import { viewsSlice } from './views-slice';
import { broadcastsSlice } from './broadcasts-slice';
import { inboxSlice } from './inbox-slice';

export function createStore() {
  return configureStore({
    reducer: {
      session: sessionSlice.reducer,
      status: statusSlice.reducer,
      alerts: alertsSlice.reducer,
      ui: uiSlice.reducer,
      views: viewsSlice.reducer,
      broadcasts: broadcastsSlice.reducer,
      inbox: inboxSlice.reducer,
    },
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
export const useAppDispatch: () => AppDispatch = useDispatch;
export const useAppSelector: TypedUseSelectorHook<RootState> = useSelector;

export { sessionSlice, statusSlice, alertsSlice, uiSlice, viewsSlice, broadcastsSlice, inboxSlice };
