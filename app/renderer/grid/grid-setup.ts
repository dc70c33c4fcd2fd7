import {
  CellStyleModule,
  ColumnAutoSizeModule,
  DateFilterModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RowSelectionModule,
  RowStyleModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  themeBalham,
} from 'ag-grid-community';

let registered = false;

/** ag-grid 33+ ships as modules: register exactly what the console uses, once. */
export function registerGridModules(): void {
  if (registered) return;
  ModuleRegistry.registerModules([
    InfiniteRowModelModule,
    TextFilterModule,
    NumberFilterModule,
    DateFilterModule,
    CellStyleModule,
    RowStyleModule,
    RowSelectionModule,
    ColumnAutoSizeModule,
    TooltipModule,
    LocaleModule,
    // In development, names a missing module or bad option in words (an overlay); production
    // builds log only the error number, and never cover the grid.
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
  registered = true;
}

/**
 * A spreadsheet-like theme: Balham's square cells, 24 px rows, quiet greys, one blue accent,
 * the system's CJK font so Chinese and figures share a baseline.
 */
export const consoleGridTheme = themeBalham.withParams({
  fontFamily: [
    'PingFang SC',
    'Microsoft YaHei',
    'Noto Sans CJK SC',
    'Source Han Sans SC',
    'WenQuanYi Micro Hei',
    'sans-serif',
  ],
  fontSize: 12,
  headerFontSize: 12,
  headerFontWeight: 600,
  rowHeight: 24,
  headerHeight: 26,
  spacing: 3,
  cellHorizontalPadding: 6,
  foregroundColor: '#1f2933',
  backgroundColor: '#ffffff',
  headerBackgroundColor: '#eef0f3',
  oddRowBackgroundColor: '#f8f9fb',
  borderColor: '#d3d7dd',
  accentColor: '#1d5fa6',
  selectedRowBackgroundColor: '#dbe8f6',
  rowHoverColor: '#eef4fb',
  wrapperBorderRadius: 0,
  borderRadius: 2,
  columnBorder: { color: '#e4e7eb' },
  browserColorScheme: 'light',
});

/** The style nonce the host put in the page, for the grid's theme <style> elements (CSP). */
export function styleNonce(): string | undefined {
  const value = document.querySelector('meta[name="hankou-style-nonce"]')?.getAttribute('content') ?? '';
  return value === '' || value.startsWith('__') ? undefined : value;
}
