import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { GridState } from 'ag-grid-community';
import { sessionSlice } from './session-slice';

/** The blotter's toolbar selects (ag-grid Community has no set filter). */
export type BlotterToolbar = { status: string; kind: string; direction: string };

/**
 * Where each screen was left (filters, sort, the chosen row, the open reconciliation session),
 * kept here rather than in the screen so switching screens (or the grid rebuilt for a language
 * switch) comes back to the same place (issue 16). Cleared when the operator signs out.
 */
export interface ViewsState {
  blotter: { toolbar: BlotterToolbar; grid: GridState | null; selectedId: string | null };
  recon: { sessionId: string; showAll: boolean };
  verify: { selectedId: string | null };
  /**
   * Every other screen's place, by key (`<screen>.<what>`, see useKeptState): the risk desk's view
   * and filters, the queue's tab, the large-value and audit filters, the inbox's filters, each
   * screen's chosen row by id. Plain values only (the store stays serialisable).
   */
  kept: Record<string, unknown>;
}

const initialState: ViewsState = {
  blotter: { toolbar: { status: '', kind: '', direction: '' }, grid: null, selectedId: null },
  recon: { sessionId: '', showAll: false },
  verify: { selectedId: null },
  kept: {},
};

export const viewsSlice = createSlice({
  name: 'views',
  initialState,
  reducers: {
    blotterToolbar(state, action: PayloadAction<BlotterToolbar>) {
      state.blotter.toolbar = action.payload;
    },
    blotterGrid(state, action: PayloadAction<GridState | null>) {
      state.blotter.grid = action.payload;
    },
    blotterSelected(state, action: PayloadAction<string | null>) {
      state.blotter.selectedId = action.payload;
    },
    reconSession(state, action: PayloadAction<string>) {
      state.recon.sessionId = action.payload;
    },
    reconShowAll(state, action: PayloadAction<boolean>) {
      state.recon.showAll = action.payload;
    },
    verifySelected(state, action: PayloadAction<string | null>) {
      state.verify.selectedId = action.payload;
    },
    keep(state, action: PayloadAction<{ key: string; value: unknown }>) {
      state.kept[action.payload.key] = action.payload.value;
    },
  },
  extraReducers: (builder) => {
    // The next person at this terminal starts clean.
    builder.addCase(sessionSlice.actions.ended, (state, action) => (action.payload === 'idle' ? state : initialState));
  },
});
