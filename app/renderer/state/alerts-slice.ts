import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Notice } from '../../shared/contract';

/** Console notices (contract `notices.*`) shown in the alert area, newest first; at most this many are kept in memory. */
export const MAX_ALERTS_KEPT = 200;

export const alertsSlice = createSlice({
  name: 'alerts',
  initialState: { items: [] as Notice[] },
  reducers: {
    loaded(state, action: PayloadAction<Notice[]>) {
      state.items = action.payload.slice(0, MAX_ALERTS_KEPT);
    },
    received(state, action: PayloadAction<Notice>) {
      state.items = [action.payload, ...state.items.filter((a) => a.id !== action.payload.id)].slice(0, MAX_ALERTS_KEPT);
    },
    acknowledged(state, action: PayloadAction<string>) {
      const item = state.items.find((a) => a.id === action.payload);
      if (item) item.acknowledged = true;
    },
  },
});
