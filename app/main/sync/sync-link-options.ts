import type { HouseLink } from '../settings/house-link';
import type { SyncOptions } from './sync-extension';
import { clientTlsFetch } from './tls-fetch';
import { failoverFetch, houseUrlList } from './failover-fetch';

/**
 * The sync extension's options for a house link, in every host: its client certificate when it
 * has one (docs/tls.md), and when its URL is a comma-separated list (the active house and its
 * standbys, docs/failover.md) a fetch that follows whichever house serves.
 */
export function syncOptionsForLink(link: HouseLink, log: (line: string) => void): SyncOptions {
  const urls = houseUrlList(link.url);
  const base = link.tls ? clientTlsFetch(link.tls) : fetch;
  if (urls.length < 2) return { houseUrl: link.url, token: link.token, ...(link.tls ? { fetch: base } : {}) };
  const follow = failoverFetch(urls, base, (url) => log(`sync: following the active clearing house at ${url}`));
  return { houseUrl: urls[0]!, token: link.token, fetch: follow.fetch };
}
