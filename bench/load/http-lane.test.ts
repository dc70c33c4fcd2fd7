import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpLane } from './http-lane';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  body: string;
}

describe('HttpLane', () => {
  let server: Server;
  let base = '';
  let connections = 0;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          contentLength: req.headers['content-length'],
          body,
        });
        if (req.url === '/split') {
          // A multi-byte character cut across two writes: the lane must join bytes, not strings.
          const bytes = Buffer.from('{"name":"汉口"}', 'utf8');
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(bytes.subarray(0, 10));
          setTimeout(() => res.end(bytes.subarray(10)), 20);
          return;
        }
        if (req.url === '/missing') {
          res.writeHead(404).end('{"error":"not_found"}');
          return;
        }
        if (req.url === '/slow') {
          setTimeout(() => res.end('{}'), 50);
          return;
        }
        res.end(JSON.stringify({ echo: body }));
      });
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts JSON with its token and length, and answers the status, body and both times', async () => {
    const lane = new HttpLane(base, 'Bearer t-1');
    const before = performance.now();
    const answer = await lane.post('/v1/sync/push', '{"清算":1}');
    lane.close();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ echo: '{"清算":1}' });
    expect(answer.sentMs).toBeGreaterThanOrEqual(before);
    expect(answer.readMs).toBeGreaterThanOrEqual(answer.sentMs);
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/v1/sync/push',
      authorization: 'Bearer t-1',
      contentType: 'application/json',
      contentLength: String(Buffer.byteLength('{"清算":1}')),
      body: '{"清算":1}',
    });
  });

  it('keeps one connection for request after request', async () => {
    const lane = new HttpLane(`${base}/`, 'Bearer t-2');
    const opened = connections;
    for (let k = 0; k < 5; k += 1) {
      const answer = await lane.get(`/v1/sync/pull?cursor=${k}`);
      expect(answer.status).toBe(200);
      expect(seen.at(-1)?.url).toBe(`/v1/sync/pull?cursor=${k}`);
      expect(seen.at(-1)?.method).toBe('GET');
    }
    expect(connections - opened).toBe(1);
    lane.close();
  });

  it('reads an answer that arrives in pieces, split inside a character', async () => {
    const lane = new HttpLane(base, 'Bearer t-3');
    const answer = await lane.get('/split');
    lane.close();
    expect(JSON.parse(answer.body)).toEqual({ name: '汉口' });
    expect(answer.readMs - answer.sentMs).toBeGreaterThanOrEqual(15);
  });

  it('answers a refusal as a status, not an error', async () => {
    const lane = new HttpLane(base, 'Bearer t-4');
    const answer = await lane.get('/missing');
    lane.close();
    expect(answer.status).toBe(404);
    expect(answer.body).toBe('{"error":"not_found"}');
  });

  it('refuses a second request while one is in flight', async () => {
    const lane = new HttpLane(base, 'Bearer t-5');
    const first = lane.get('/slow');
    expect(lane.busy).toBe(true);
    await expect(lane.get('/')).rejects.toThrow(/one request at a time/);
    expect((await first).status).toBe(200);
    expect(lane.busy).toBe(false);
    expect((await lane.get('/')).status).toBe(200);
    lane.close();
    await expect(lane.get('/')).rejects.toThrow(/closed/);
  });

  it('fails on a refused connection and can be used again after', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const lane = new HttpLane(`http://127.0.0.1:${port}`, 'Bearer t-6');
    await expect(lane.get('/')).rejects.toThrow(/ECONNREFUSED/);
    expect(lane.busy).toBe(false);
    await expect(lane.get('/')).rejects.toThrow(/ECONNREFUSED/);
    lane.close();
  });

  it('speaks plain http only', () => {
    expect(() => new HttpLane('https://127.0.0.1:1', 'Bearer x')).toThrow(/plain http/);
  });
});
