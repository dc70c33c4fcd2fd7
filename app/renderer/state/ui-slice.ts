import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { sessionSlice } from './session-slice';
import { screenAfterSignIn, SCREENS, type Screen } from './screen-access';

export { SCREENS, type Screen };

/** Areas whose screens reload when someone changes their data ('data.changed'). */
export type DataArea = 'payments' | 'recon' | 'risk' | 'largeValue' | 'riskRules' | 'operators' | 'alerts' | 'bulk' | 'templates' | 'directory' | 'liquidity';

/** The area a changing handler belongs to (its name's prefix). */
export function areaOfHandler(handler: string): DataArea | null {
  if (handler.startsWith('risk.largeValue.')) return 'largeValue';
  if (handler.startsWith('risk.rules.')) return 'riskRules';
  const prefix = handler.slice(0, handler.indexOf('.'));
  const areas: Record<string, DataArea> = {
    payments: 'payments', recon: 'recon', risk: 'risk', operators: 'operators', alerts: 'alerts', notices: 'alerts', auth: 'operators',
    bulk: 'bulk', templates: 'templates', directory: 'directory', liquidity: 'liquidity',
  };
  return areas[prefix] ?? null;
}


export const uiSlice = createSlice({
  name: 'ui',
  initialState: { screen: 'entry' as Screen, language: 'zh-CN' as 'zh-CN' | 'en', paymentsVersion: 0, lastOperator: null as string | null, dataVersions: {} as Partial<Record<DataArea, number>> },
  reducers: {
    show(state, action: PayloadAction<Screen>) {
      state.screen = action.payload;
    },
    language(state, action: PayloadAction<'zh-CN' | 'en'>) {
      state.language = action.payload;
    },
    /** Someone changed data of an area: its screens refetch. */
    dataChanged(state, action: PayloadAction<DataArea>) {
      state.dataVersions[action.payload] = (state.dataVersions[action.payload] ?? 0) + 1;
    },
    /** Bumped on 'payments.changed' (and F5) so open grids and queues refetch. */
    paymentsChanged(state) {
      state.paymentsVersion += 1;
    },
  },
  extraReducers: (builder) => {
    // Each role starts on its main screen; the same person signing in again returns to where they were.
    builder.addCase(sessionSlice.actions.loggedIn, (state, action) => {
      const { username, roles } = action.payload.operator;
      state.screen = screenAfterSignIn(roles, state.screen, state.lastOperator === username);
      state.lastOperator = username;
    });
    builder.addCase(sessionSlice.actions.centreLoggedIn, (state, action) => {
      const { username, roles } = action.payload.operator;
      state.screen = screenAfterSignIn(roles, state.screen, state.lastOperator === `centre:${username}`);
      state.lastOperator = `centre:${username}`;
    });
  },
});
