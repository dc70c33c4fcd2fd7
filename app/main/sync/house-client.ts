import {
  accountResponseSchema,
  gapResponseSchema,
  pullAnswerSchema,
  pushResponseSchema,
  type AccountResponse,
  type PullAnswer,
  type PushRequest,
  type PushResponse,
} from '../../shared/contract/sync-protocol';
import { queueResponseSchema, type QueueResponse } from '../../shared/contract/queue-protocol';

/** A request that does not answer in this time is treated as the house being unreachable. */
export const REQUEST_TIMEOUT_MS = 15_000;

export type PushAnswer =
  | { kind: 'ok'; body: PushResponse }
  | { kind: 'gap'; lastSeq: number }
  | { kind: 'unauthorized' }
  | { kind: 'refused'; status: number; message: string };

/** The house could not be reached or answered 5xx: try again later with the same data. */
export class HouseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HouseUnavailableError';
  }
}

export class HouseUnauthorizedError extends Error {
  constructor() {
    super('the house refused this console\'s token');
    this.name = 'HouseUnauthorizedError';
  }
}

/** The console's HTTP client for the sync protocol; every answer is checked with the contract. */
export class HouseClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new HouseUnavailableError(`house unreachable: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new HouseUnavailableError(`house answered ${response.status} without JSON: ${(error as Error).message}`);
    }
    if (response.status >= 500) throw new HouseUnavailableError(`house answered ${response.status}`);
    if (response.status === 401) throw new HouseUnauthorizedError();
    return { status: response.status, json };
  }

  async push(request: PushRequest): Promise<PushAnswer> {
    const { status, json } = await this.request('POST', '/v1/sync/push', request);
    if (status === 200) return { kind: 'ok', body: pushResponseSchema.parse(json) };
    if (status === 409) return { kind: 'gap', lastSeq: gapResponseSchema.parse(json).lastSeq };
    const message = typeof json === 'object' && json !== null && 'message' in json ? String((json as { message: unknown }).message) : '';
    return { kind: 'refused', status, message };
  }

  async pull(cursor: string, limit: number): Promise<PullAnswer> {
    const { status, json } = await this.request('GET', `/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`);
    if (status !== 200) throw new HouseUnavailableError(`pull answered ${status}`);
    return pullAnswerSchema.parse(json);
  }

  async account(): Promise<AccountResponse> {
    const { status, json } = await this.request('GET', '/v1/accounts/me');
    if (status !== 200) throw new HouseUnavailableError(`accounts/me answered ${status}`);
    return accountResponseSchema.parse(json);
  }

  /** The bank's own queue in the house's order; undefined from a house without the endpoint (404). */
  async queue(): Promise<QueueResponse | undefined> {
    const { status, json } = await this.request('GET', '/v1/queue/me');
    if (status === 404) return undefined;
    if (status !== 200) throw new HouseUnavailableError(`queue/me answered ${status}`);
    return queueResponseSchema.parse(json);
  }
}
