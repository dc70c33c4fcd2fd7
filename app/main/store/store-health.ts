import type { StoreHealthState } from '../../shared/contract/handlers/app';
import { storeErrorCode, type StoreErrorCode } from './store-errors';

export type { StoreHealthState } from '../../shared/contract/handlers/app';

const STATE_OF_CODE: Record<StoreErrorCode, StoreHealthState> = {
  'store.full': 'full',
  'store.read_only': 'read_only',
  'store.io_error': 'io_error',
};

/**
 * In memory only: recording "the store is full" in the store would itself be a write. Set by
 * any write the back end catches failing with a store error (handlers, the sync loop), cleared
 * by the next write that commits. Listeners hear only changes, so a retrying loop that keeps
 * failing does not flood the renderer.
 */
export class StoreHealth {
  private current: StoreHealthState = 'ok';
  private readonly listeners = new Set<(state: StoreHealthState) => void>();

  get state(): StoreHealthState {
    return this.current;
  }

  /** A write failed: if with a store error, the store is in that state. Other errors say nothing. */
  writeFailed(error: unknown): void {
    const code = storeErrorCode(error);
    if (code !== undefined) this.set(STATE_OF_CODE[code]);
  }

  /** A write committed: the store takes writes again. */
  writeCommitted(): void {
    this.set('ok');
  }

  onChange(listener: (state: StoreHealthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: StoreHealthState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
