import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppStatus } from '../../shared/contract';
import type { ConnectionState } from '../bridge/ws-bridge';

export interface StatusState {
  app: AppStatus | null;
  /** The renderer's link to its host (WebSocket in the browser; always open in Electron). */
  link: ConnectionState;
  missingKey: boolean;
}

const initialState: StatusState = { app: null, link: 'connecting', missingKey: false };

export const statusSlice = createSlice({
  name: 'status',
  initialState,
  reducers: {
    appStatus(state, action: PayloadAction<AppStatus>) {
      state.app = action.payload;
    },
    missingKey(state) {
      state.missingKey = true;
    },
    link(state, action: PayloadAction<ConnectionState>) {
      state.link = action.payload;
    },
  },
});
