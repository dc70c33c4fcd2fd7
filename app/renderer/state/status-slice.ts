import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppStatus } from '../../shared/contract';
import type { ConnectionState } from '../bridge/ws-bridge';

export interface StatusState {
  app: AppStatus | null;
  /** The renderer's link to its host (WebSocket in the browser; always open in Electron). */
  link: ConnectionState;
}

const initialState: StatusState = { app: null, link: 'connecting' };

export const statusSlice = createSlice({
  name: 'status',
  initialState,
  reducers: {
    appStatus(state, action: PayloadAction<AppStatus>) {
      state.app = action.payload;
    },
    link(state, action: PayloadAction<ConnectionState>) {
      state.link = action.payload;
    },
  },
});
