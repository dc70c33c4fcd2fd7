import { Agent, request as httpsRequest } from 'node:https';

/** This bank's client certificate for the house's mutual TLS, as PEM text (opened from the sealed house link). */
export interface ClientTls {
  cert: string;
  key: string;
  /** The clearing centre's CA certificate: the only issuer trusted for the house's server certificate. */
  ca: string;
}

/**
 * A fetch for the sync client that presents the client certificate and trusts only the
 * centre's CA (not the system's list). Node's built-in fetch cannot take a client certificate
 * without the undici package, which is not a dependency here, so this speaks node:https and
 * answers with a standard Response. One keep-alive agent per link.
 */
export function clientTlsFetch(tls: ClientTls): typeof fetch {
  const agent = new Agent({ keepAlive: true, maxSockets: 4, cert: tls.cert, key: tls.key, ca: tls.ca, minVersion: 'TLSv1.2' });
  const tlsFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.protocol !== 'https:') return Promise.reject(new TypeError(`a client certificate is only sent over https, not to ${url.origin}`));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: responseHeaders }));
        });
      });
      req.on('error', reject);
      const signal = init.signal;
      if (signal) {
        if (signal.aborted) req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        signal.addEventListener('abort', () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true });
      }
      req.end(body);
    });
  };
  return tlsFetch as typeof fetch;
}
