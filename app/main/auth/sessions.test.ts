import { describe, it, expect } from 'vitest';
import { SessionStore } from './sessions';

describe('sessions', () => {
  it('ends a session idle for the timeout and reports it once', () => {
    let nowMs = 0;
    const ended: [string, string][] = [];
    const store = new SessionStore(1000, () => nowMs, (key, reason) => ended.push([key, reason]));
    store.start('w1', { username: 'clerk1', displayName: '张丽', roles: ['clerk'] });
    nowMs = 999;
    expect(store.get('w1')?.username).toBe('clerk1');
    store.touch('w1'); // activity at 999 restarts the clock
    nowMs = 1998;
    expect(store.get('w1')).toBeDefined();
    nowMs = 1999;
    store.sweep();
    expect(store.get('w1')).toBeUndefined();
    expect(ended).toEqual([['w1', 'idle']]);
  });
});
