import { useCallback, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector, viewsSlice } from './store';

/**
 * useState whose value lives in the store's views slice under `key`, so a screen comes back to
 * where it was left (filters, tab, chosen row) after the operator visits another screen, and
 * starts clean for the next person (cleared on sign-out, kept across an idle timeout). Issue 16:
 * "a screen keeps its place when you come back". Only plain, serialisable values.
 */
export function useKeptState<T>(key: string, initial: T): [T, (next: T | ((previous: T) => T)) => void] {
  const dispatch = useAppDispatch();
  const stored = useAppSelector((s) => s.views.kept[key]) as T | undefined;
  // The first render's initial value, kept: an object literal passed anew each render must not
  // read as a new value (effects and memos keyed on it would run on every render).
  const [first] = useState(initial);
  const value = stored === undefined ? first : stored;
  // Functional updates chain on the latest value, even twice in one event before a render.
  const latest = useRef(value);
  latest.current = value;
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      const resolved = typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
      latest.current = resolved;
      dispatch(viewsSlice.actions.keep({ key, value: resolved }));
    },
    [dispatch, key],
  );
  return [value, set];
}
