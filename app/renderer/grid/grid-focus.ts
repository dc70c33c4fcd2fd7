import type { CellFocusedEvent, GridApi } from 'ag-grid-community';

/**
 * Whether a grid's cellFocused event is the operator's doing (a click, the arrow keys, the
 * screen's own setFocusedCell) rather than ag-grid putting its focus back after the rows changed.
 * ag-grid restores the focused cell by row *index*, not by row: when a live reload reorders or
 * shortens the list, the restored index holds another payment, and a screen whose selection
 * follows the focus would move the operator's choice to it before their next key press (T on
 * 排队管理 acting on the wrong payment). Restorations are the focus events ag-grid sends with
 * preventScrollOnBrowserFocus and no source event (ag-grid 36: RowRenderer.restoreFocusedCell);
 * clicks, keyboard navigation and api.setFocusedCell never set it without a source event.
 */
export function isOperatorFocus(event: Pick<CellFocusedEvent, 'preventScrollOnBrowserFocus' | 'sourceEvent'>): boolean {
  return event.preventScrollOnBrowserFocus !== true || event.sourceEvent != null;
}

/**
 * After the rows changed, puts the grid's focus back on the operator's chosen row (by id) where
 * it now stands, so the arrow keys go on from it. Only while the grid holds the keyboard: never
 * takes the caret from a field or a dialog.
 */
export function refocusChosenRow<T>(api: GridApi<T>, chosenId: string | null): void {
  if (chosenId === null || api.isDestroyed()) return;
  const focused = api.getFocusedCell();
  const node = api.getRowNode(chosenId);
  if (focused == null || node == null || node.rowIndex == null || node.rowIndex === focused.rowIndex) return;
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active.closest('.ag-root-wrapper') === null) return;
  api.setFocusedCell(node.rowIndex, focused.column);
}
