import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { createSyncExtension } from './sync-extension';
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS, type SyncLoop } from './sync-loop';
import { MAX_BACKOFF_ENV, syncTuningFromEnv } from './sync-tuning';
import { prepareConsoleStore } from './test-support/console-process';

describe('syncTuningFromEnv', () => {
  it('leaves the default when the variable is unset or empty', () => {
    expect(syncTuningFromEnv({})).toEqual({});
    expect(syncTuningFromEnv({ [MAX_BACKOFF_ENV]: ' ' })).toEqual({});
  });

  it('reads a cap from 500 to 30,000 ms', () => {
    expect(syncTuningFromEnv({ [MAX_BACKOFF_ENV]: '2000' })).toEqual({ maxBackoffMs: 2000 });
    expect(syncTuningFromEnv({ [MAX_BACKOFF_ENV]: String(FIRST_BACKOFF_MS) })).toEqual({ maxBackoffMs: FIRST_BACKOFF_MS });
    expect(syncTuningFromEnv({ [MAX_BACKOFF_ENV]: String(MAX_BACKOFF_MS) })).toEqual({ maxBackoffMs: MAX_BACKOFF_MS });
  });

  it.each(['100', '60000', '2.5', 'soon', '-1'])('refuses %s instead of clamping it', (raw) => {
    expect(() => syncTuningFromEnv({ [MAX_BACKOFF_ENV]: raw })).toThrow(new RegExp(`${MAX_BACKOFF_ENV} must be .*"${raw}"`));
  });
});

describe('the sync loop offline', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  /** The delays the loop schedules its next rounds with, for `rounds` rounds against a house that is not there. */
  async function offlineDelays(rounds: number, maxBackoffMs?: number): Promise<number[]> {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-sync-tuning-'));
    dirs.push(dir);
    await prepareConsoleStore(dir, 'HKB');
    let loop: SyncLoop | undefined;
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const backend = await createConsoleBackend({
      dataDir: dir,
      log: () => undefined,
      extensions: [createSyncExtension({ houseUrl: 'http://127.0.0.1:9', token: 'no-house', autoStart: false, onLoop: (l) => (loop = l), ...(maxBackoffMs === undefined ? {} : { maxBackoffMs }) })],
    });
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      // The loop's own timer is never let run: the test steps the rounds.
      return realSetTimeout(() => undefined, 0);
    }) as typeof setTimeout);
    try {
      for (let i = 0; i < rounds; i += 1) await loop!.round();
      expect(loop!.connection).toBe('offline');
    } finally {
      vi.restoreAllMocks();
      await backend.close();
    }
    return delays;
  }

  it('doubles from 0.5 s to 30 s by default', async () => {
    const delays = await offlineDelays(9);
    expect(delays.slice(-9)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('stops doubling at the configured cap', async () => {
    const delays = await offlineDelays(6, 2000);
    expect(delays.slice(-6)).toEqual([500, 1000, 2000, 2000, 2000, 2000]);
  });
});
