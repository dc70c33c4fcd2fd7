import type { HandlerImpls, HandlerContext } from '../handler-context';
import { requireSession as requireOperator } from '../handler-context';
import { reconSql } from './recon-store';
import { sessionDetail, sessionRow } from './session-detail';
import { autoMatch, matchByHand, unmatch } from './session-matching';
import { importFile, importHouseStatement, openSession, refreshPaymentBooks, type Actor } from './session-open-import';
import { carryForward, closeSession, decideWriteOff, noteExceptions, proposeWriteOff, reviewExceptions } from './session-resolution';

type ReconHandlerName =
  | 'recon.sessions.list'
  | 'recon.sessions.open'
  | 'recon.sessions.get'
  | 'recon.sessions.import'
  | 'recon.sessions.autoMatch'
  | 'recon.sessions.match'
  | 'recon.sessions.unmatch'
  | 'recon.sessions.writeOff'
  | 'recon.sessions.approveWriteOff'
  | 'recon.sessions.carryForward'
  | 'recon.sessions.note'
  | 'recon.sessions.review'
  | 'recon.sessions.close';

const actor = (ctx: HandlerContext): Actor => ({ by: requireOperator(ctx).username, at: ctx.at });

/** The workspace's handlers; each change returns the session as it now stands. */
export const reconImpls: HandlerImpls<ReconHandlerName> = {
  'recon.sessions.list': (ctx, input) => {
    const db = ctx.services.db;
    const counts = new Map(reconSql(db).openCounts.all().map((r) => [r.session_id, Number(r.n)]));
    const rows = reconSql(db)
      .sessions.all()
      .filter((s) => input.status === 'all' || s.status === input.status)
      .map((s) => sessionRow(s, counts.get(s.id) ?? 0));
    return { rows };
  },
  'recon.sessions.open': (ctx, input) => sessionDetail(ctx.services.db, openSession(ctx.services.db, input, actor(ctx))),
  'recon.sessions.get': (ctx, input) => sessionDetail(ctx.services.db, input.sessionId),
  'recon.sessions.import': (ctx, input) => {
    const db = ctx.services.db;
    const outcome =
      input.source === 'file'
        ? importFile(db, input, actor(ctx))
        : input.source === 'house'
          ? importHouseStatement(db, input.sessionId, actor(ctx))
          : refreshPaymentBooks(db, input.sessionId, actor(ctx));
    return { ...outcome, detail: sessionDetail(db, input.sessionId) };
  },
  'recon.sessions.autoMatch': (ctx, input) => {
    const db = ctx.services.db;
    // New settled payments of the day join the books before matching.
    refreshPaymentBooks(db, input.sessionId, actor(ctx));
    const added = autoMatch(db, input.sessionId, actor(ctx));
    return { added, detail: sessionDetail(db, input.sessionId) };
  },
  'recon.sessions.match': (ctx, input) => {
    matchByHand(ctx.services.db, input, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.unmatch': (ctx, input) => {
    unmatch(ctx.services.db, input.sessionId, input.matchId, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.writeOff': (ctx, input) => {
    proposeWriteOff(ctx.services.db, input, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.approveWriteOff': (ctx, input) => {
    decideWriteOff(ctx.services.db, input, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.carryForward': (ctx, input) => {
    carryForward(ctx.services.db, input, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.note': (ctx, input) => {
    noteExceptions(ctx.services.db, input, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.review': (ctx, input) => {
    reviewExceptions(ctx.services.db, input, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
  'recon.sessions.close': (ctx, input) => {
    closeSession(ctx.services.db, input.sessionId, actor(ctx));
    return sessionDetail(ctx.services.db, input.sessionId);
  },
};
