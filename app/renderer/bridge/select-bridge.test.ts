import { describe, it, expect } from 'vitest';
import { takeLaunchKey } from './select-bridge';

function fakes(search: string, hash = '', stored: string | null = null) {
  const storage = new Map<string, string>(stored === null ? [] : [['hankou.k', stored]]);
  const replaced: string[] = [];
  return {
    location: { search, hash, pathname: '/' } as Location,
    storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) } as Storage,
    history: { replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) } as History,
    replaced,
    storageMap: storage,
  };
}

describe('the launch key', () => {
  it('is taken from ?k=, kept for this tab and removed from the address bar', () => {
    const f = fakes('?k=abc123');
    expect(takeLaunchKey(f.location, f.storage, f.history)).toBe('abc123');
    expect(f.storageMap.get('hankou.k')).toBe('abc123');
    expect(f.replaced).toEqual(['/']);
  });
  it('is also accepted in the #fragment', () => {
    const f = fakes('', '#k=frag');
    expect(takeLaunchKey(f.location, f.storage, f.history)).toBe('frag');
  });
  it('survives a reload from sessionStorage, and is null when never given', () => {
    expect(takeLaunchKey(fakes('', '', 'kept').location, fakes('', '', 'kept').storage, fakes('').history)).toBe('kept');
    const none = fakes('');
    expect(takeLaunchKey(none.location, none.storage, none.history)).toBeNull();
    expect(none.replaced).toEqual([]);
  });
});
