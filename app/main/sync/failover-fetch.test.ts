import { describe, expect, it } from 'vitest';
import { failoverFetch, houseUrlList } from './failover-fetch';

/** A fake network: each origin is up (answers `status`) or down (throws, like a refused connection). */
function network(state: Record<string, number | 'down'>) {
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const origin = new URL(url).origin;
    const s = state[origin];
    if (s === undefined || s === 'down') throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ from: origin, body: init?.body ?? null }), { status: s });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('the console follows the active house', () => {
  it('splits a comma-separated list of house URLs', () => {
    expect(houseUrlList('http://a:1/, http://b:2')).toEqual(['http://a:1', 'http://b:2']);
    expect(houseUrlList('https://house:8443')).toEqual(['https://house:8443']);
  });

  it('sends to the house that answered last; on a refused connection or a 503 the same request goes to the next', async () => {
    const state: Record<string, number | 'down'> = { 'http://a:1': 200, 'http://b:2': 'down' };
    const { fetchImpl, calls } = network(state);
    const switched: string[] = [];
    const follow = failoverFetch(['http://a:1', 'http://b:2'], fetchImpl, (u) => switched.push(u));
    expect(((await (await follow.fetch('http://a:1/v1/accounts/me')).json()) as { from: string }).from).toBe('http://a:1');
    state['http://a:1'] = 'down';
    state['http://b:2'] = 200;
    const pushed = await follow.fetch('http://a:1/v1/sync/push', { method: 'POST', body: '{"seq":1}' });
    expect(await pushed.json()).toEqual({ from: 'http://b:2', body: '{"seq":1}' });
    expect(follow.active()).toBe('http://b:2');
    expect(switched).toEqual(['http://b:2']);
    // Sticks to b: a is not tried again while b answers.
    calls.length = 0;
    await follow.fetch('http://a:1/v1/sync/pull?cursor=x');
    expect(calls).toEqual(['GET http://b:2/v1/sync/pull?cursor=x']);
    // b cut off from its database (503), a back: to a.
    state['http://b:2'] = 503;
    state['http://a:1'] = 200;
    expect(((await (await follow.fetch('http://a:1/healthz')).json()) as { from: string }).from).toBe('http://a:1');
    expect(switched).toEqual(['http://b:2', 'http://a:1']);
  });

  it('answers the last 503 when every house answers 503, and the last error when none can be reached', async () => {
    const { fetchImpl } = network({ 'http://a:1': 503, 'http://b:2': 503 });
    expect((await failoverFetch(['http://a:1', 'http://b:2'], fetchImpl).fetch('http://a:1/x')).status).toBe(503);
    const down = network({});
    await expect(failoverFetch(['http://a:1', 'http://b:2'], down.fetchImpl).fetch('http://a:1/x')).rejects.toThrow('fetch failed');
  });
});

describe('sync options for a house link', () => {
  it('one URL: plain; a list: the first URL and a following fetch', async () => {
    const { syncOptionsForLink } = await import('./sync-link-options');
    expect(syncOptionsForLink({ url: 'http://127.0.0.1:4100', token: 't' }, () => undefined)).toEqual({ houseUrl: 'http://127.0.0.1:4100', token: 't' });
    const listed = syncOptionsForLink({ url: 'http://127.0.0.1:4100,http://127.0.0.1:4101', token: 't' }, () => undefined);
    expect(listed.houseUrl).toBe('http://127.0.0.1:4100');
    expect(typeof listed.fetch).toBe('function');
  });
});
