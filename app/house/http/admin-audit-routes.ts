import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StoredAuditEntry } from '../../shared/audit/audit-chain';
import { readHouseAudit, readHouseAuditHead, verifyHouseAuditLog } from '../store/audit-log';
import type { HouseContext } from './house-context';
import { badRequest } from './admin-request';

/** Entries per page at most: a page is one query and one answer held in memory. */
export const MAX_AUDIT_PAGE = 1000;

const querySchema = z
  .object({
    after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  })
  .strict();

/** A detail that is not JSON any more (edited by hand) is shown as its raw text. */
function parsedDetail(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toJson(entry: StoredAuditEntry): Record<string, unknown> {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    detail: parsedDetail(entry.detailText),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/**
 * GET /v1/admin/audit?after=SEQ&limit=N: a page of the house audit log, its head (seq and hash
 * of the newest entry, for an auditor to keep: a later chain that no longer reaches it has been
 * cut) and the verification of the whole chain, walked afresh on every call.
 */
export function registerAdminAuditRoutes(app: FastifyInstance, house: HouseContext): void {
  app.get('/v1/admin/audit', async (request, reply) => {
    const query = querySchema.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    // Failed-authentication entries are written off the request path; show what is queued.
    await house.auth.auditWritten();
    const rows = await readHouseAudit(house.store, query.data.after, query.data.limit + 1);
    const head = await readHouseAuditHead(house.store);
    const verification = await verifyHouseAuditLog(house.store);
    return {
      entries: rows.slice(0, query.data.limit).map(toJson),
      hasMore: rows.length > query.data.limit,
      head: head ? { seq: head.seq, hash: head.hash } : null,
      verification,
    };
  });
}
