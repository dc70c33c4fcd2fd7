import type { z } from 'zod';
import { loginChallengeSchema, sessionAnswerSchema } from '../../shared/contract/centre-api';
import { UserError } from '../user-error';
import { centreRefusal, centreUnreachable } from './centre-errors';

/** A house that does not answer in this time is unreachable for this request. */
export const CENTRE_REQUEST_TIMEOUT_MS = 15_000;
/** Largest house answer read (a camt.053 of a busy bank's day is the largest). */
export const CENTRE_MAX_ANSWER_CHARS = 16 * 1024 * 1024;

type Challenge = { challenge: string; expiresAt: string };
type HouseSession = { token: string; username: string };

/** A text answer of the house (a report file) with the name it suggests. */
export interface CentreFile {
  text: string;
  fileName: string | null;
  mimeType: string;
}

/**
 * The console's link to the house's centre API (docs/centre.md). Each console session (window
 * or WebSocket) has its own house session; the bearer token and the login challenge stay here,
 * in main, keyed by the host's session key, and are forgotten (and the house told) when the
 * console session ends.
 */
export class CentreLink {
  private readonly challenges = new Map<string, Challenge>();
  private readonly sessions = new Map<string, HouseSession>();

  constructor(
    readonly houseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private async send(method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> {
    try {
      return await this.fetchImpl(`${this.houseUrl}${path}`, {
        method,
        headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CENTRE_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw centreUnreachable((error as Error).message);
    }
  }

  private static async bodyOf(response: Response): Promise<unknown> {
    const text = await response.text();
    if (text.length > CENTRE_MAX_ANSWER_CHARS) throw centreUnreachable(`answer of ${text.length} characters`);
    try {
      return text === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw centreUnreachable(`answer ${response.status} is not JSON`);
    }
  }

  /** Step 1: the password. Keeps the challenge for this console session. */
  async login(sessionKey: string, username: string, password: string): Promise<z.infer<typeof loginChallengeSchema>> {
    this.challenges.delete(sessionKey);
    const response = await this.send('POST', '/v1/centre/login', undefined, { username, password });
    const body = await CentreLink.bodyOf(response);
    if (!response.ok) throw centreRefusal(response.status, body);
    const answer = loginChallengeSchema.parse(body);
    this.challenges.set(sessionKey, { challenge: answer.challenge, expiresAt: answer.expiresAt });
    return answer;
  }

  /** Step 2: the TOTP code. The challenge is used once, right or wrong (the house's rule too). */
  async loginTotp(sessionKey: string, code: string): Promise<z.infer<typeof sessionAnswerSchema>> {
    const challenge = this.challenges.get(sessionKey);
    if (challenge === undefined) throw new UserError('centre.no_challenge', 'Enter your user name and password first.', '请先输入用户名和密码。');
    const response = await this.send('POST', '/v1/centre/login/totp', undefined, { challenge: challenge.challenge, code });
    const body = await CentreLink.bodyOf(response);
    if (!response.ok) {
      // A wrong code may be retried on the same challenge until it expires; anything else starts over.
      if (response.status !== 401) this.challenges.delete(sessionKey);
      throw centreRefusal(response.status, body);
    }
    this.challenges.delete(sessionKey);
    const answer = sessionAnswerSchema.parse(body);
    const previous = this.sessions.get(sessionKey);
    this.sessions.set(sessionKey, { token: answer.session, username: answer.operator.username });
    if (previous !== undefined) void this.logoutAtHouse(previous.token);
    return answer;
  }

  /**
   * A JSON request with this console session's house session, the answer checked with `schema`.
   * 401 means the house ended the session (idle, 8 hours, disabled): `onExpired` ends the
   * console's too.
   */
  async json<T extends z.ZodType>(sessionKey: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, schema: T, body?: unknown, onExpired?: () => void): Promise<z.output<T>> {
    const response = await this.send(method, path, this.tokenOf(sessionKey), body);
    const parsed = await CentreLink.bodyOf(response);
    if (response.status === 401) return this.expired(sessionKey, onExpired);
    if (!response.ok) throw centreRefusal(response.status, parsed);
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      this.log(`centre: ${method} ${path} answered outside its schema: ${checked.error.message.slice(0, 500)}`);
      throw centreUnreachable('unexpected answer');
    }
    return checked.data;
  }

  /** A file the house answers as text (CSV, XML). */
  async file(sessionKey: string, path: string, onExpired?: () => void): Promise<CentreFile> {
    const response = await this.send('GET', path, this.tokenOf(sessionKey));
    if (response.status === 401) return this.expired(sessionKey, onExpired);
    if (!response.ok) throw centreRefusal(response.status, await CentreLink.bodyOf(response));
    const text = await response.text();
    if (text.length > CENTRE_MAX_ANSWER_CHARS) throw centreUnreachable(`answer of ${text.length} characters`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]{1,200})"/.exec(disposition)?.[1] ?? null;
    return { text, fileName, mimeType: (response.headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim() };
  }

  private tokenOf(sessionKey: string): string {
    const session = this.sessions.get(sessionKey);
    if (session === undefined) throw new UserError('auth.required', 'Please log in.', '请先登录。');
    return session.token;
  }

  private expired(sessionKey: string, onExpired?: () => void): never {
    this.sessions.delete(sessionKey);
    onExpired?.();
    throw new UserError('auth.required', 'Your session at the clearing house has ended; please log in again.', '清算中心会话已结束，请重新登录。');
  }

  /** The console session ended (logout, idle, window closed): end the house session too. */
  forget(sessionKey: string): void {
    this.challenges.delete(sessionKey);
    const session = this.sessions.get(sessionKey);
    if (session === undefined) return;
    this.sessions.delete(sessionKey);
    void this.logoutAtHouse(session.token);
  }

  /** Every console session's house session, at shutdown. */
  async forgetAll(): Promise<void> {
    const tokens = [...this.sessions.values()].map((s) => s.token);
    this.sessions.clear();
    this.challenges.clear();
    await Promise.all(tokens.map((token) => this.logoutAtHouse(token)));
  }

  private async logoutAtHouse(token: string): Promise<void> {
    try {
      await this.send('POST', '/v1/centre/logout', token, {});
    } catch (error) {
      // The house ends it by itself after 15 idle minutes anyway.
      this.log(`centre: logout at the house failed: ${(error as Error).message}`);
    }
  }
}
