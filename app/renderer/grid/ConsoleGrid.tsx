import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useAppSelector } from '../state/store';
import { consoleGridTheme, registerGridModules, styleNonce } from './grid-setup';
import { gridLocaleText } from './locale-zh';

registerGridModules();

/**
 * ag-grid as every console screen uses it: the console theme, its <style> elements under the
 * page's CSP nonce, and the grid's own texts in the operator's language (the grid is rebuilt
 * when the language changes, since column headers and locale texts are read once).
 */
export function ConsoleGrid<TData>(props: AgGridReactProps<TData>) {
  const language = useAppSelector((s) => s.ui.language);
  return (
    <AgGridReact<TData>
      key={language}
      theme={consoleGridTheme}
      styleNonce={styleNonce()}
      localeText={gridLocaleText(language)}
      {...props}
    />
  );
}
