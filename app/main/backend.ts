import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodError } from 'zod';
import { countsAsActivity, handlers, mayCall, type ContractError, type EventName, type HandlerName, type InvokeResult } from '../shared/contract';
import type { BackendEvent, ConsoleBackend, ConsoleBackendOptions } from './backend-types';
import type { BackendServices, LinkStatus } from './backend-services';
import { openDatabase } from './store/open-database';
import { migrate } from './store/migrate';
import { DEFAULT_IDLE_TIMEOUT_MS, SessionStore } from './auth/sessions';
import { VerifyPipeline } from './payments/verify-pipeline';
import { BlotterCache } from './payments/blotter/blotter-cache';
import { insertNotice } from './notices/notice-repository';
import { handlerImpls } from './handler-registry';
import type { HandlerImpl } from './handler-context';
import { UserError } from './user-error';
import { storeUserError } from './store/store-errors';
import { StoreHealth } from './store/store-health';
import { currentAppStatus } from './status/app-status';
import { ensureInitialised } from './demo/initialise';
import { createRiskExtension } from './risk/risk-extension';
import { createReconExtension } from './reconciliation/recon-extension';
import { createBulkExtension } from './bulk/bulk-extension';
import { createArchiveExtension } from './archive/archive-extension';
import { createLiquidityExtension } from './liquidity/liquidity-extension';
import { createMessagesExtension } from './messages/messages-extension';

export type { ConsoleBackend, ConsoleBackendOptions, BackendEvent } from './backend-types';

/** What a session signed in with a one-time password may call. */
const ONE_TIME_PASSWORD_HANDLERS: ReadonlySet<string> = new Set(['auth.changePassword', 'session.touch', 'session.current', 'auth.logout', 'app.status', 'notices.list', 'participants.list']);

/** An operator's change others' screens must show: the activity handlers, less pings and the auditor's own reading. */
function announcesChange(name: HandlerName): boolean {
  return countsAsActivity(name) && name !== 'session.touch' && !name.startsWith('audit.');
}
export type { BackendServices, BackendExtension, LinkStatus } from './backend-services';

/** File name of the console store inside dataDir. */
export const STORE_FILE = 'console.sqlite';

/** How often idle sessions are swept so a walked-away console logs out by itself. */
export const IDLE_SWEEP_MS = 15_000;

function err(code: string, message: string, messageZh: string, issues?: ContractError['issues']): { ok: false; error: ContractError } {
  return { ok: false, error: issues === undefined ? { code, message, messageZh } : { code, message, messageZh, issues } };
}

/** Longest issue path or message sent back: a hostile input's keys must not come back at length. */
const MAX_ISSUE_TEXT_CHARS = 200;
/** Most issues sent back for one request; the first ones say what is wrong. */
const MAX_ISSUES = 50;

function clip(text: string): string {
  return text.length > MAX_ISSUE_TEXT_CHARS ? `${text.slice(0, MAX_ISSUE_TEXT_CHARS)}…` : text;
}

function zodIssues(error: ZodError): NonNullable<ContractError['issues']> {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: clip(issue.path.map(String).join('.')),
    message: clip(issue.message),
    messageZh: `格式不正确：${clip(issue.message)}`,
  }));
}

/**
 * The console back end, independent of its host: Electron's ipcMain and the browser host's
 * WebSocket both call invoke() with their own session key per window or connection.
 */
export async function createConsoleBackend(options: ConsoleBackendOptions): Promise<ConsoleBackend & { services: BackendServices }> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(options.dataDir, STORE_FILE));
  migrate(db);
  await ensureInitialised(db, { dataDir: options.dataDir, demo: options.demo, now, log });

  const listeners = new Set<(event: BackendEvent) => void>();
  const emit = (name: EventName, payload: unknown, sessionKey?: string) => {
    const event: BackendEvent = sessionKey === undefined ? { name, payload } : { name, payload, sessionKey };
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log(`event listener failed on ${name}: ${String(error)}`);
      }
    }
  };
  const sessions = new SessionStore(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => now().getTime(), (key, reason) => {
    // A centre session's house session ends with it (logout, idle, window closed).
    services.centre?.forget(key);
    emit('session.ended', { reason }, key);
  });
  let linkSource: () => LinkStatus = () => ({ connection: 'local', pendingOutbox: 0 });
  const services: BackendServices = {
    db,
    now,
    log,
    verify: new VerifyPipeline(),
    risk: null,
    actionLink: null,
    houseQueue: null,
    sessions,
    centre: null,
    emit,
    raiseNotice(notice) {
      const stored = insertNotice(db, { ...notice, at: now().toISOString() });
      emit('notice', stored);
      return stored;
    },
    setLinkStatus(source) {
      linkSource = source;
    },
    linkStatus: () => linkSource(),
    storeHealth: new StoreHealth(),
  };
  services.storeHealth.onChange((state) => {
    log(`store health: ${state}`);
    try {
      emit('status', currentAppStatus(services));
    } catch (error) {
      // A store that cannot even be read: the next app.status poll tells the renderer.
      log(`store health: status not sent (${String(error)})`);
    }
  });
  // total_changes() counts rows written on this connection: if it moved while a handler ran
  // and the handler succeeded, a write committed, so the store takes writes again.
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const blotter = new BlotterCache(db);
  const cleanups: (() => void | Promise<void>)[] = [];
  // The verify pipeline fixes the order of its steps (risk gate, then outbox), not this list.
  for (const extension of [createRiskExtension({ demo: Boolean(options.demo) }), createReconExtension(), createBulkExtension(), createLiquidityExtension(), createMessagesExtension(), createArchiveExtension({ dataDir: options.dataDir, windowDays: options.archiveWindowDays ?? 0 }), ...(options.extensions ?? [])]) {
    const cleanup = extension(services);
    if (cleanup) cleanups.push(cleanup);
  }
  const sweep = setInterval(() => sessions.sweep(), Math.min(IDLE_SWEEP_MS, sessions.idleTimeoutMs));
  sweep.unref();
  let closed = false;

  async function invoke(sessionKey: string, name: string, rawInput: unknown): Promise<InvokeResult<HandlerName>> {
    if (closed) return err('internal', 'The console back end has shut down.', '后台服务已关闭。');
    if (!Object.prototype.hasOwnProperty.call(handlers, name)) {
      return err('unknown_handler', `No handler named ${name}.`, `没有名为 ${name} 的接口。`);
    }
    const handlerName = name as HandlerName;
    const spec = handlers[handlerName];
    const session = sessions.get(sessionKey);
    if (spec.roles !== 'public') {
      if (session === undefined) return err('auth.required', 'Please log in.', '请先登录。');
      if (!mayCall(session.roles, handlerName)) {
        return err('auth.forbidden', 'Your role may not do this.', '您的岗位无权执行此操作。');
      }
      // A one-time password opens nothing but its own replacement.
      if (session.mustChangePassword === true && !ONE_TIME_PASSWORD_HANDLERS.has(handlerName)) {
        return err('auth.password_change_required', 'Change your one-time password first.', '请先修改初始密码。');
      }
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return err('validation', 'The request is not valid.', '请求内容不正确。', zodIssues(parsed.error));
    }
    if (session !== undefined && countsAsActivity(handlerName)) sessions.touch(sessionKey);
    const changesBefore = totalChanges.get() as number;
    try {
      const impl = handlerImpls[handlerName] as HandlerImpl<HandlerName>;
      const value = await impl({ services, blotter, sessionKey, session, at: now().toISOString() }, parsed.data as never);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        // A handler answering outside its contract is a bug in main, not the operator's doing.
        log(`handler ${name} answered outside its contract: ${checked.error.message}`);
        return err('internal', 'Internal error; it has been logged.', '系统内部错误，已记录。');
      }
      if ((totalChanges.get() as number) > changesBefore) {
        services.storeHealth.writeCommitted();
        // Other windows showing this area reload (reads that only leave an audit trace do not count).
        if (session !== undefined && announcesChange(handlerName)) emit('data.changed', { handler: handlerName, by: session.username });
      }
      return { ok: true, value: checked.data } as InvokeResult<HandlerName>;
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: error.toContractError() };
      // A full, read-only or failing disk is the machine's state, not a bug: say so (the
      // handler's transaction rolled back, so nothing was half written).
      const storeError = storeUserError(error);
      if (storeError !== undefined) {
        services.storeHealth.writeFailed(error);
        log(`handler ${name}: ${storeError.message} (${(error as Error).message})`);
        return { ok: false, error: storeError.toContractError() };
      }
      log(`handler ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return err('internal', 'Internal error; it has been logged.', '系统内部错误，已记录。');
    }
  }

  return {
    services,
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    endSession(sessionKey) {
      sessions.end(sessionKey, 'closed');
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweep);
      for (const cleanup of cleanups.reverse()) await cleanup();
      sessions.endAll();
      listeners.clear();
      db.pragma('optimize');
      db.close();
    },
  };
}
