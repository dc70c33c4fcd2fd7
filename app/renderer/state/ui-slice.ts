import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export const SCREENS = ['entry', 'verify', 'blotter', 'alerts', 'risk', 'inbound', 'liquidity', 'recon'] as const;
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
});
