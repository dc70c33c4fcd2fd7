/**
 * A console configured with several house URLs (the active house and its standbys, docs/failover.md)
 * follows the active one: requests go to the house that answered last; when it cannot be reached
 * or answers 503 (a house cut off from its database, or stopping because it lost its lease), the
 * same request is tried on the next URL, once round the list. Resending is safe: pushes are
 * idempotent (device seqs; a replay answers `duplicate`) and pulls only read.
 */
export function houseUrlList(text: string): string[] {
  return text
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

export interface FailoverFetch {
  fetch: typeof fetch;
  /** The URL requests go to now. */
  active(): string;
}

export function failoverFetch(urls: readonly string[], inner: typeof fetch = fetch, onSwitch?: (url: string) => void): FailoverFetch {
  if (urls.length === 0) throw new Error('no house URL');
  const bases = urls.map((u) => u.replace(/\/+$/, ''));
  let active = 0;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const text = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const base = bases.find((b) => text.startsWith(b));
    if (base === undefined) return inner(input, init);
    const rest = text.slice(base.length);
    let lastError: unknown;
    let lastResponse: Response | undefined;
    for (let tried = 0; tried < bases.length; tried += 1) {
      const index = (active + tried) % bases.length;
      try {
        const response = await inner(`${bases[index]}${rest}`, init);
        if (response.status === 503 && tried < bases.length - 1) {
          lastResponse = response;
          continue;
        }
        if (index !== active) {
          active = index;
          onSwitch?.(bases[index]!);
        }
        return response;
      } catch (error) {
        if (init?.signal?.aborted) throw error;
        lastError = error;
      }
    }
    if (lastResponse) return lastResponse;
    throw lastError;
  };
  return { fetch: wrapped as typeof fetch, active: () => bases[active]! };
}
