import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
// Chinese text must not depend on the machine having a CJK font (boxes otherwise): Noto Sans SC
// ships with the renderer, the two weights the console uses, split by unicode-range so a screen
// loads only the pieces holding its characters.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/app.css';
import { selectBridge } from './bridge/select-bridge';
import { createStore, statusSlice, uiSlice } from './state/store';
import { BridgeContext } from './state/bridge-context';
import { wireBridgeEvents } from './state/bridge-events';
import { initI18n, initialLanguage } from './i18n/i18n';
import { App } from './App';

const appBridge = selectBridge();
const store = createStore();
appBridge.onConnection((state) => store.dispatch(statusSlice.actions.link(state)));
if (appBridge.missingKey) store.dispatch(statusSlice.actions.missingKey());
wireBridgeEvents(appBridge.bridge, store);

const language = initialLanguage(window.localStorage);
await initI18n(language);
store.dispatch(uiSlice.actions.language(language));

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root');
createRoot(rootElement).render(
  <StrictMode>
    <Provider store={store}>
      <BridgeContext.Provider value={appBridge.bridge}>
        <App />
      </BridgeContext.Provider>
    </Provider>
  </StrictMode>,
);
