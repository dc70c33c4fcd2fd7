import { Agent, request, type OutgoingHttpHeaders } from 'node:http';

/** One answer as the generator read it, timed on this thread's `performance.now()` clock. */
export interface LaneAnswer {
  status: number;
  body: string;
  /** The request was handed to the socket (`end()` called with the whole body). */
  sentMs: number;
  /** The answer's last byte was read, before anything parsed it. */
  readMs: number;
}

/**
 * One keep-alive HTTP/1.1 connection to the house, one request at a time, as a console's link
 * is. Plain HTTP (the bench runs on loopback) over node:http with its own agent: `fetch`
 * (undici) built a Request, Headers, an AbortSignal and web streams per call and cost the
 * generator more CPU than the house spent answering. The two timestamps are taken where the
 * request is written and where the answer is read, so nothing of the generator's own parsing
 * counts in a latency.
 */
export class HttpLane {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly hostname: string;
  private readonly port: number;
  private inFlight = false;
  private closed = false;

  constructor(
    baseUrl: string,
    private readonly authorization: string,
  ) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:') throw new Error(`an HTTP lane speaks plain http, not ${url.protocol} (${baseUrl})`);
    this.hostname = url.hostname;
    this.port = Number(url.port || 80);
  }

  get busy(): boolean {
    return this.inFlight;
  }

  /** POST a JSON text. */
  post(path: string, json: string): Promise<LaneAnswer> {
    return this.send('POST', path, {
      authorization: this.authorization,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
    }, json);
  }

  get(path: string): Promise<LaneAnswer> {
    return this.send('GET', path, { authorization: this.authorization }, undefined);
  }

  private send(method: 'GET' | 'POST', path: string, headers: OutgoingHttpHeaders, body: string | undefined): Promise<LaneAnswer> {
    if (this.closed) return Promise.reject(new Error('the lane is closed'));
    // A second request would queue in the agent behind the first and its sentMs would be a lie.
    if (this.inFlight) return Promise.reject(new Error('one request at a time on a lane'));
    this.inFlight = true;
    return new Promise<LaneAnswer>((resolve, reject) => {
      let sentMs = 0;
      const fail = (error: Error): void => {
        this.inFlight = false;
        reject(error);
      };
      const req = request({ hostname: this.hostname, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const readMs = performance.now();
          this.inFlight = false;
          const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text, sentMs, readMs });
        });
      });
      req.on('error', fail);
      sentMs = performance.now();
      req.end(body);
    });
  }

  /** Closes the kept-alive socket; later requests are refused. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }
}
