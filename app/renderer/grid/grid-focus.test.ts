import { describe, expect, it } from 'vitest';
import { isOperatorFocus } from './grid-focus';

describe('isOperatorFocus', () => {
  it('takes clicks, arrow keys and the screen’s own setFocusedCell as the operator’s choice', () => {
    // A click on a cell (CellMouseListenerFeature) and keyboard navigation: no preventScroll.
    expect(isOperatorFocus({ preventScrollOnBrowserFocus: false })).toBe(true);
    expect(isOperatorFocus({})).toBe(true);
    // A mouse down that brings its event along.
    expect(isOperatorFocus({ preventScrollOnBrowserFocus: true, sourceEvent: new Event('mousedown') })).toBe(true);
  });

  it('ignores ag-grid putting the focus back at the same index after the rows changed', () => {
    expect(isOperatorFocus({ preventScrollOnBrowserFocus: true })).toBe(false);
    expect(isOperatorFocus({ preventScrollOnBrowserFocus: true, sourceEvent: undefined })).toBe(false);
  });
});
