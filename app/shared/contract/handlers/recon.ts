import { z } from 'zod';
import type { Role } from '../../domain/operator';
import { isoDateSchema, type HandlerSpec } from './common';

/**
 * The reconciliation workspace. Amounts are signed decimal strings from the
 * account holder's view: "+" (no sign) a credit to our settlement account, "-" a debit.
 * Recon clerks work sessions; a supervisor approves write-offs (maker-checker); auditors read.
 */
const READERS: readonly Role[] = ['recon', 'supervisor', 'auditor'];
const CLERKS: readonly Role[] = ['recon'];
const APPROVERS: readonly Role[] = ['supervisor'];

/**
 * Largest statement or books file sent as text: the browser host carries one request in one
 * WebSocket message (1 MiB); a day's camt.053 for one settlement account fits well within it.
 */
export const MAX_RECON_FILE_CHARS = 900_000;
/** Longest note, reason or owner text. */
export const MAX_RECON_NOTE_CHARS = 500;
/** Most lines one manual match may join. */
export const MAX_MANUAL_MATCH_LINES = 50;

export const RECON_SIDES = ['books', 'statement'] as const;
export const RECON_LINE_STATES = ['open', 'matched', 'write_off_pending', 'written_off', 'carried_forward'] as const;

const sessionId = z.string().min(1).max(80);
const lineId = z.string().min(1).max(120);
const note = z.string().trim().min(1).max(MAX_RECON_NOTE_CHARS);
const amount = z.string().regex(/^-?\d+\.\d{2}$/);

export const reconLineSchema = z
  .object({
    side: z.enum(RECON_SIDES),
    id: z.string(),
    source: z.string(),
    date: z.string(),
    amount,
    currency: z.string(),
    reference: z.string().nullable(),
    endToEndId: z.string().nullable(),
    counterparty: z.string().nullable(),
    description: z.string().nullable(),
    state: z.enum(RECON_LINE_STATES),
    matchId: z.number().int().nullable(),
    owner: z.string().nullable(),
    note: z.string().nullable(),
    /** Who marked the line reviewed and when (an open line a person looked at and leaves open). */
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    /** Open lines only: an open line of the other side with the same amount, for a person to confirm. */
    suggestion: z.string().nullable(),
  })
  .strict();
export type ReconLine = z.infer<typeof reconLineSchema>;

export const reconMatchSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['auto', 'manual']),
    rule: z.string(),
    score: z.number(),
    difference: amount,
    reason: z.string().nullable(),
    books: z.array(z.string()),
    statement: z.array(z.string()),
    by: z.string(),
    at: z.string(),
  })
  .strict();
export type ReconMatchRow = z.infer<typeof reconMatchSchema>;

export const reconWriteOffSchema = z
  .object({
    id: z.number().int(),
    side: z.enum(RECON_SIDES),
    lineId: z.string(),
    amount,
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'refused']),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .strict();
export type ReconWriteOff = z.infer<typeof reconWriteOffSchema>;

/** Why a session is not yet proven, as codes the screen translates. */
export const RECON_BLOCKERS = ['no_opening', 'no_closing', 'unbalanced', 'unowned_exceptions', 'pending_write_offs', 'no_statement'] as const;

export const reconSummarySchema = z
  .object({
    opening: amount.nullable(),
    statementMovements: amount,
    closing: amount.nullable(),
    /** opening + statement movements; equals closing when the statement is whole. */
    computedClosing: amount.nullable(),
    booksMovements: amount,
    matchedDifference: amount,
    writtenOff: amount,
    carriedForward: amount,
    counts: z.object({ books: z.record(z.string(), z.number().int()), statement: z.record(z.string(), z.number().int()) }).strict(),
    openExceptions: z.number().int(),
    unownedExceptions: z.number().int(),
    pendingWriteOffs: z.number().int(),
    proven: z.boolean(),
    blockers: z.array(z.enum(RECON_BLOCKERS)),
  })
  .strict();
export type ReconSummary = z.infer<typeof reconSummarySchema>;

export const reconSessionRowSchema = z
  .object({
    id: z.string(),
    account: z.string(),
    businessDate: z.string(),
    currency: z.string(),
    status: z.enum(['open', 'closed']),
    openedBy: z.string(),
    openedAt: z.string(),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    openCount: z.number().int(),
  })
  .strict();
export type ReconSessionRow = z.infer<typeof reconSessionRowSchema>;

export const reconImportRowSchema = z
  .object({ hash: z.string(), side: z.enum(RECON_SIDES), format: z.string(), fileName: z.string().nullable(), lines: z.number().int(), by: z.string(), at: z.string() })
  .strict();

export const reconSessionDetailSchema = z
  .object({
    session: reconSessionRowSchema,
    summary: reconSummarySchema,
    lines: z.array(reconLineSchema),
    matches: z.array(reconMatchSchema),
    writeOffs: z.array(reconWriteOffSchema),
    imports: z.array(reconImportRowSchema),
    /** The tolerance a manual match with a reason may leave, as the rules define it. */
    toleranceAbsolute: amount,
  })
  .strict();
export type ReconSessionDetail = z.infer<typeof reconSessionDetailSchema>;

const detailOut = reconSessionDetailSchema;

export const reconHandlers = {
  'recon.sessions.list': {
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('all') }).strict(),
    output: z.object({ rows: z.array(reconSessionRowSchema) }).strict(),
    roles: READERS,
  },
  'recon.sessions.open': {
    // Account defaults to our own settlement account at the house (our 行号).
    input: z.object({ businessDate: isoDateSchema, account: z.string().trim().min(1).max(34).optional() }).strict(),
    output: detailOut,
    roles: CLERKS, activity: true,
  },
  'recon.sessions.get': { input: z.object({ sessionId }).strict(), output: detailOut, roles: READERS },
  'recon.sessions.import': {
    input: z.discriminatedUnion('source', [
      z.object({ sessionId, source: z.literal('file'), side: z.enum(RECON_SIDES), fileName: z.string().max(200).optional(), content: z.string().min(1).max(MAX_RECON_FILE_CHARS) }).strict(),
      z.object({ sessionId, source: z.literal('house') }).strict(),
      z.object({ sessionId, source: z.literal('payments') }).strict(),
    ]),
    output: z.object({ added: z.number().int(), duplicateFile: z.boolean(), format: z.string(), detail: detailOut }).strict(),
    roles: CLERKS, activity: true,
  },
  'recon.sessions.autoMatch': {
    input: z.object({ sessionId }).strict(),
    output: z.object({ added: z.number().int(), detail: detailOut }).strict(),
    roles: CLERKS, activity: true,
  },
  'recon.sessions.match': {
    input: z
      .object({
        sessionId,
        books: z.array(lineId).min(1).max(MAX_MANUAL_MATCH_LINES),
        statement: z.array(lineId).min(1).max(MAX_MANUAL_MATCH_LINES),
        reason: z.string().trim().max(MAX_RECON_NOTE_CHARS).optional(),
      })
      .strict(),
    output: detailOut,
    roles: CLERKS, activity: true,
  },
  'recon.sessions.unmatch': { input: z.object({ sessionId, matchId: z.number().int().positive() }).strict(), output: detailOut, roles: CLERKS, activity: true },
  'recon.sessions.writeOff': {
    input: z.object({ sessionId, side: z.enum(RECON_SIDES), lineId, reason: note }).strict(),
    output: detailOut,
    roles: CLERKS, activity: true,
  },
  'recon.sessions.approveWriteOff': {
    input: z.object({ sessionId, writeOffId: z.number().int().positive(), approve: z.boolean(), note: z.string().trim().max(MAX_RECON_NOTE_CHARS).optional() }).strict(),
    output: detailOut,
    roles: APPROVERS, activity: true,
  },
  'recon.sessions.carryForward': {
    input: z.object({ sessionId, side: z.enum(RECON_SIDES), lineIds: z.array(lineId).min(1).max(500), note: note.optional() }).strict(),
    output: detailOut,
    roles: CLERKS, activity: true,
  },
  // An owner, a note, or both for a selection of lines (without a note, each keeps its own).
  'recon.sessions.note': {
    input: z
      .object({ sessionId, side: z.enum(RECON_SIDES), lineIds: z.array(lineId).min(1).max(500), owner: z.string().trim().min(1).max(32).optional(), note: note.optional() })
      .strict(),
    output: detailOut,
    roles: CLERKS, activity: true,
  },
  // Marks a selection of open lines reviewed (issue 16's bulk actions on exceptions).
  'recon.sessions.review': {
    input: z.object({ sessionId, side: z.enum(RECON_SIDES), lineIds: z.array(lineId).min(1).max(500) }).strict(),
    output: detailOut,
    roles: CLERKS, activity: true,
  },
  'recon.sessions.close': { input: z.object({ sessionId }).strict(), output: detailOut, roles: CLERKS, activity: true },
} as const satisfies Record<string, HandlerSpec>;
