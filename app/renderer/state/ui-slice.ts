import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { sessionSlice } from './session-slice';
import { screenAfterLogin } from '../screens/audit/audit-format';

export const SCREENS = ['entry', 'verify', 'blotter', 'alerts', 'risk', 'inbound', 'liquidity', 'recon', 'audit', 'largeValue', 'riskRules', 'liquidityManagement'] as const;
export type Screen = (typeof SCREENS)[number];

export const uiSlice = createSlice({
  name: 'ui',
  initialState: { screen: 'entry' as Screen, language: 'zh-CN' as 'zh-CN' | 'en', paymentsVersion: 0 },
  reducers: {
    show(state, action: PayloadAction<Screen>) {
      state.screen = action.payload;
    },
    language(state, action: PayloadAction<'zh-CN' | 'en'>) {
      state.language = action.payload;
    },
    /** Bumped on 'payments.changed' so open grids and queues refetch. */
    paymentsChanged(state) {
      state.paymentsVersion += 1;
    },
  },
  extraReducers: (builder) => {
    // An auditor starts on the audit trail; nobody else is left on it without the right.
    builder.addCase(sessionSlice.actions.loggedIn, (state, action) => {
      state.screen = screenAfterLogin<Screen>(action.payload.operator.roles, state.screen, 'entry', 'audit');
    });
  },
});
