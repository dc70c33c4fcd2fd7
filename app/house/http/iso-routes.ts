import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { Iso20022Error, readCreditTransfer, readStatusRequest, writeMessageReject, writePacs002, type PaymentMessage } from '../../shared/iso20022';
import { TransientError } from '../engine/engine-host';
import { buildStatement } from '../iso/camt053-statement';
import { settledNotifications } from '../iso/camt054-notifications';
import { IsoRefusal, statusLines, statusReportId, statusReportVersion, submitCreditTransfer } from '../iso/pacs008-submit';
import { answerInquiry } from '../iso/status-inquiry';
import type { HouseContext } from './house-context';

const XML = 'application/xml; charset=utf-8';
const statementQuerySchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) }).strict();
const notificationQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();

/** ISO request items answered in one pacs.002 (a pacs.028 may ask about many payments). */
const MAX_INQUIRY_ITEMS = 1000;

const ZH_BY_STATUS: Record<number, string> = {
  400: '报文无法处理',
  403: '无权发送该报文',
  404: '未找到',
  413: '报文过大',
  415: '请以 application/xml 提交 ISO 20022 报文',
  503: '清算中心暂时无法处理，请重发',
};

function sendReject(reply: FastifyReply, status: number, code: string, message: string, messageZh: string, relatedReference = 'NONREF'): FastifyReply {
  return reply
    .code(status)
    .type(XML)
    .send(writeMessageReject({ relatedReference, code, message, messageZh, rejectedAt: new Date().toISOString() }));
}

/**
 * ISO 20022 at the house (docs/iso20022.md): banks send pacs.008 and pacs.028 as XML and read
 * camt.053 statements, with their participant token. Registered in its own scope, so only
 * these routes accept XML bodies and answer refusals as admi.002 documents; the sync routes
 * keep refusing XML with 415.
 */
export function registerIsoRoutes(app: FastifyInstance, house: HouseContext): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'ISO request failed');
        return sendReject(reply, 500, 'internal', 'internal error', '内部错误');
      }
      const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'malformed_request';
      return sendReject(reply, status, code, error.message.slice(0, 300), ZH_BY_STATUS[status] ?? '请求被拒绝');
    });

    const xmlBody = (body: unknown, reply: FastifyReply): string | undefined => {
      if (typeof body === 'string') return body;
      sendReject(reply, 415, 'unsupported_media_type', 'send the ISO 20022 message as application/xml', ZH_BY_STATUS[415] as string);
      return undefined;
    };
    const refuse = (reply: FastifyReply, error: unknown, relatedReference?: string): FastifyReply => {
      if (error instanceof Iso20022Error) return sendReject(reply, 400, error.code, error.message, error.messageZh, relatedReference);
      if (error instanceof IsoRefusal) return sendReject(reply, error.status, error.code, error.message, error.messageZh, relatedReference);
      if (error instanceof TransientError) {
        return sendReject(reply.header('retry-after', '1'), 503, 'unavailable', error.message, ZH_BY_STATUS[503] as string, relatedReference);
      }
      throw error;
    };

    scope.post('/v1/iso/pacs.008', async (request, reply) => {
      const participantId = house.auth.participant(request, reply);
      if (participantId === undefined) return reply;
      const xml = xmlBody(request.body, reply);
      if (xml === undefined) return reply;
      let messageId: string | undefined;
      try {
        const message = readCreditTransfer(xml);
        messageId = message.messageId;
        const rows = await submitCreditTransfer(
          { store: house.store, host: house.host, businessDate: house.businessDate(), nowIso: new Date().toISOString() },
          participantId,
          message,
        );
        const originals = new Map(message.transactions.map((tx) => [tx.endToEndId as string, tx]));
        const answer: PaymentMessage = {
          type: 'pacs.002',
          version: statusReportVersion(message.version),
          messageId: statusReportId(participantId, message.messageId),
          transactions: statusLines(rows, originals),
        };
        const firstAnswered = rows.map((r) => r.answeredAt).sort()[0] as string;
        return reply.type(XML).send(
          writePacs002(answer, { creationDateTime: firstAnswered, original: { messageId: message.messageId, messageNameId: `pacs.008.${message.version}` } }),
        );
      } catch (error) {
        return refuse(reply, error, messageId);
      }
    });

    scope.post('/v1/iso/pacs.028', async (request, reply) => {
      const participantId = house.auth.participant(request, reply);
      if (participantId === undefined) return reply;
      const xml = xmlBody(request.body, reply);
      if (xml === undefined) return reply;
      let messageId: string | undefined;
      try {
        const inquiry = readStatusRequest(xml);
        messageId = inquiry.messageId;
        if (inquiry.items.length === 0 || inquiry.items.length > MAX_INQUIRY_ITEMS) {
          throw new IsoRefusal(400, 'invalid_value', `a pacs.028 here asks about 1 to ${MAX_INQUIRY_ITEMS} payments (TxInf); this one ${inquiry.items.length}`, `每个查询报文须含 1 至 ${MAX_INQUIRY_ITEMS} 笔查询（TxInf）`);
        }
        const lines: PaymentMessage['transactions'] = [];
        for (const item of inquiry.items) lines.push(...(await answerInquiry(house.store, participantId, item)));
        const answer: PaymentMessage = { type: 'pacs.002', version: '001.10', messageId: statusReportId(participantId, `028:${inquiry.messageId}`), transactions: lines };
        return reply
          .type(XML)
          .send(writePacs002(answer, { creationDateTime: new Date().toISOString(), original: { messageId: inquiry.messageId, messageNameId: `pacs.028.${inquiry.version}` } }));
      } catch (error) {
        return refuse(reply, error, messageId);
      }
    });

    scope.get('/v1/iso/camt.054', async (request, reply) => {
      const participantId = house.auth.participant(request, reply);
      if (participantId === undefined) return reply;
      const parsed = notificationQuerySchema.safeParse(request.query);
      if (!parsed.success) {
        return sendReject(reply, 400, 'invalid_request', `query: ${parsed.error.issues[0]?.message ?? 'after=N&limit=1..1000'}`, '查询参数须为 after=序号&limit=1..1000');
      }
      const page = await settledNotifications(house.store, participantId, parsed.data.after, house.host.committedChangeSeq, parsed.data.limit);
      reply.header('hankou-next-after', String(page.nextAfter)).header('hankou-has-more', String(page.hasMore));
      return page.xml === null ? reply.code(204).send() : reply.type(XML).send(page.xml);
    });

    scope.get('/v1/iso/camt.053', async (request, reply) => {
      const participantId = house.auth.participant(request, reply);
      if (participantId === undefined) return reply;
      const parsed = statementQuerySchema.safeParse(request.query);
      if (!parsed.success) {
        return sendReject(reply, 400, 'invalid_request', `query: ${parsed.error.issues[0]?.message ?? 'date=YYYY-MM-DD is required'}`, '查询参数须为 date=YYYY-MM-DD');
      }
      const result = await buildStatement(house.store, participantId, parsed.data.date);
      if (!result.ok) {
        return sendReject(
          reply,
          404,
          result.reason,
          result.reason === 'not_closed' ? `business day ${parsed.data.date} is not closed (or the bank was not a participant that day): no statement yet` : 'no account',
          result.reason === 'not_closed' ? `营业日 ${parsed.data.date} 尚未日终（或当日不是参与者），没有对账单` : '账户不存在',
        );
      }
      return reply.type(XML).send(result.xml);
    });
  });
}
