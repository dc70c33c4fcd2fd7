import { describe, expect, it } from 'vitest';
import { BlockCursors } from './audit-cursors';
import { canReadAudit, cursorToShow, fileParts, filterOf, screenAfterLogin, shortHash } from './audit-format';

describe('trail grid cursors', () => {
  it('hands each block the last seq of the block before, even when asked early', async () => {
    const cursors = new BlockCursors(undefined, 100);
    expect(await cursors.cursorFor(0)).toBeUndefined();
    const early = cursors.cursorFor(200);
    const second = cursors.cursorFor(100);
    cursors.answered(0, 901);
    expect(await second).toBe(901);
    cursors.answered(100, 801);
    expect(await early).toBe(801);
    cursors.answered(200, null);
    expect(await cursors.cursorFor(300)).toBeNull();
  });

  it('starts at a located entry when given a cursor', async () => {
    expect(await new BlockCursors(cursorToShow(42), 100).cursorFor(0)).toBe(48);
  });
});

describe('audit screen helpers', () => {
  it('lands an auditor on the trail and moves others off it', () => {
    expect(screenAfterLogin(['auditor'], 'entry', 'entry', 'audit')).toBe('audit');
    expect(screenAfterLogin(['clerk'], 'audit', 'entry', 'audit')).toBe('entry');
    expect(screenAfterLogin(['admin'], 'audit', 'entry', 'audit')).toBe('audit');
    expect(screenAfterLogin(['risk'], 'risk', 'entry', 'audit')).toBe('risk');
    expect(canReadAudit(['supervisor'])).toBe(false);
  });

  it('turns the filter bar into the contract filter, empties left out', () => {
    expect(filterOf({ actor: ' clerk1 ', action: '', from: '2026-11-01', to: '' })).toEqual({ actor: 'clerk1', from: '2026-11-01' });
  });

  it('shortens hashes and marks CSV for spreadsheets', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(fileParts('csv', ['x'])).toEqual(['\uFEFF', 'x']);
    expect(fileParts('jsonl', ['x'])).toEqual(['x']);
  });
});
