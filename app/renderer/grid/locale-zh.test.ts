import { describe, expect, it } from 'vitest';
import { AG_GRID_LOCALE_ZH, gridLocaleText } from './locale-zh';
// The installed ag-grid's own source, as text (Vite's ?raw; the renderer's tests use no Node built-ins).
import bundle from '../../../node_modules/ag-grid-community/dist/package/main.esm.mjs?raw';

const CJK = /[\u4e00-\u9fff]/;

/**
 * The keys ag-grid looks up with an English default, read from the installed ag-grid itself, so
 * a newer ag-grid that adds a text shows up here instead of as English on a Chinese screen.
 */
function agGridEnglishKeys(): Set<string> {
  const keys = new Set<string>();
  for (const m of bundle.matchAll(/(?:TextFunc\(\)|translate|localeTextFunc)\("([a-zA-Z0-9]+)", *"[^"]*"/g)) keys.add(m[1] ?? '');
  for (const table of ['FILTER_LOCALE_TEXT', 'MONTH_LOCALE_TEXT']) {
    const start = bundle.indexOf(`var ${table} = {`);
    expect(start, table).toBeGreaterThan(0);
    const body = bundle.slice(start, bundle.indexOf('\n};', start));
    for (const m of body.matchAll(/^ {2}([a-zA-Z0-9]+):/gm)) keys.add(m[1] ?? '');
  }
  return keys;
}

/** Keys that are not words (separators, quoting) or belong to features no console grid has. */
const NOT_WORDS = new Set([
  'decimalSeparator',
  'thousandSeparator',
  'tooltipValidationErrorSeparator',
  'filterSummaryInRangeValues',
  'filterSummaryTextQuote',
  'number',
  'rowDragRow',
  'rowDragRows',
  'fileInputOverlay',
  'fileInputOverlayBrowse',
]);

describe('ag-grid texts for zh-CN', () => {
  it('says an empty grid, a filter that matches nothing and loading in Chinese', () => {
    const zh = gridLocaleText('zh-CN');
    expect(zh?.noRowsToShow).toMatch(CJK);
    expect(zh?.noMatchingRows).toMatch(CJK);
    expect(zh?.loadingOoo).toMatch(CJK);
    expect(zh?.nextPage).toMatch(CJK);
    expect(zh?.contains).toMatch(CJK);
  });

  it('leaves English to ag-grid itself', () => {
    expect(gridLocaleText('en')).toBeUndefined();
  });

  it('covers every text ag-grid can show', () => {
    const keys = agGridEnglishKeys();
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((k) => !NOT_WORDS.has(k) && AG_GRID_LOCALE_ZH[k] === undefined);
    expect(missing).toEqual([]);
  });

  it('keeps ag-grid’s placeholder in the texts that take a value', () => {
    for (const key of ['minDateValidation', 'maxValueValidation', 'strictMinValueValidation']) expect(AG_GRID_LOCALE_ZH[key]).toContain('${variable}');
  });
});
