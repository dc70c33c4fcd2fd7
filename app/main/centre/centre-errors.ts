import { reasonWords } from '../../shared/domain/reason-codes';
import { UserError } from '../user-error';

/** The house's refusals (docs/centre.md, "HTTP": `{error, message}`) in the operator's two languages. */
const ZH: Readonly<Record<string, string>> = {
  invalid_credentials: '用户名、密码或动态口令不正确。',
  locked: '账户因连续输错已被锁定，请稍后再试或请主管解锁。',
  challenge_expired: '登录已超时，请重新输入密码。',
  same_person: '提出人不能复核自己的提议，须另一名主管复核。',
  decided: '该提议已被处理，不能再次处理。',
  refused: '清算中心拒绝执行',
  forbidden: '您的岗位无权执行此操作。',
  not_found: '清算中心未找到该对象',
  not_available: '本清算中心暂不支持此类提议。',
  invalid_request: '请求内容不正确',
  unavailable: '清算中心暂时繁忙，请稍后再试。',
  busy: '清算中心暂时繁忙，请稍后再试。',
  exists: '已存在',
  unchanged: '没有变化',
  self: '主管不能停用自己的账户。',
};

/** Codes whose Chinese already says everything; the others carry the house's own words after a colon. */
const COMPLETE = new Set(['self', 'invalid_credentials', 'locked', 'challenge_expired', 'same_person', 'decided', 'forbidden', 'not_available', 'unavailable', 'busy']);

/** A house refusal as the console's error value: code `centre.<house code>`. */
export function centreRefusal(status: number, body: unknown): UserError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.error === 'string' && /^[a-z_]{1,40}$/.test(record.error) ? record.error : `http_${status}`;
  const message = typeof record.message === 'string' ? record.message.slice(0, 300) : `the clearing house answered ${status}`;
  // The engine's refusal (409 `refused` with a reason code, e.g. a stop of a settled payment): its words in both languages.
  const words = code === 'refused' && typeof record.reason === 'string' ? reasonWords(record.reason) : undefined;
  if (words !== undefined) return new UserError('centre.refused', `The clearing house refused: ${words.en} [${String(record.reason)}]`, `清算中心拒绝执行：${words.zh}【${String(record.reason)}】`);
  const zh = ZH[code];
  const messageZh = zh === undefined ? `清算中心拒绝了请求：${message}` : COMPLETE.has(code) ? zh : `${zh}：${message}`;
  return new UserError(`centre.${code}`, message, messageZh);
}

export function centreUnreachable(detail: string): UserError {
  return new UserError('centre.unreachable', `The clearing house cannot be reached (${detail}).`, `无法连接清算中心（${detail}）。`);
}

export function notCentreMode(): UserError {
  return new UserError('centre.not_centre_mode', 'This console was not started in centre mode (hankou console serve --centre URL).', '本控制台未以清算中心模式启动（hankou console serve --centre URL）。');
}
