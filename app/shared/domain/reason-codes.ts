/**
 * Reason codes for refused or rejected payments, with both languages, so a clerk is told what
 * happened in words. Codes follow the ISO 20022 external status reason list where one fits.
 */
export const REASON_CODES = {
  UNKNOWN_PARTICIPANT: { iso: 'RC01', zh: '参与者不存在', en: 'Unknown participant' },
  SAME_PARTICIPANT: { iso: 'RC02', zh: '付款行与收款行相同', en: 'Sender and receiver are the same participant' },
  INVALID_AMOUNT: { iso: 'AM12', zh: '金额无效', en: 'Invalid amount' },
  WRONG_CURRENCY: { iso: 'AM11', zh: '币种无效', en: 'Currency not accepted' },
  DUPLICATE_ID: { iso: 'AM05', zh: '重复的支付', en: 'Duplicate payment id' },
  INSUFFICIENT_FUNDS: { iso: 'AM04', zh: '可用余额不足', en: 'Insufficient available balance' },
  NET_DEBIT_CAP: { iso: 'AM04', zh: '超过净借记限额', en: 'Net debit cap exceeded' },
  NOT_FOUND: { iso: 'NARR', zh: '支付不存在', en: 'No such payment' },
  NOT_CANCELLABLE: { iso: 'NARR', zh: '该支付不能撤销', en: 'Payment can no longer be cancelled' },
  NOT_REPRIORITISABLE: { iso: 'NARR', zh: '该支付不能调整优先级', en: 'Payment priority can no longer be changed' },
  NOT_RETURNABLE: { iso: 'NARR', zh: '该支付不能退回', en: 'Payment cannot be returned' },
  NOT_STOPPABLE: { iso: 'NARR', zh: '该支付不能止付', en: 'Payment cannot be stopped' },
  NOT_STOPPED: { iso: 'NARR', zh: '该支付未止付或无权解除止付', en: 'Payment is not stopped, or was stopped by someone else' },
  END_OF_DAY: { iso: 'NARR', zh: '日终未清算，已过期', en: 'Expired at end of day' },
  DAY_CLOSED: { iso: 'NARR', zh: '营业日已结束', en: 'Business day is closed' },
  RISK_REJECTED: { iso: 'RR04', zh: '风险审查拒绝', en: 'Rejected by risk review' },
  SANCTIONS: { iso: 'RR04', zh: '命中制裁名单', en: 'Sanctions screening match' },
  INVALID_PAYLOAD: { iso: 'FF01', zh: '报文格式错误', en: 'Malformed payment' },
  RESERVED_LIQUIDITY: { iso: 'AM04', zh: '可用余额低于预留额度', en: 'Would use liquidity reserved for more urgent payments' },
  BILATERAL_LIMIT: { iso: 'AM04', zh: '超过双边限额', en: 'Bilateral sender limit exceeded' },
  MULTILATERAL_LIMIT: { iso: 'AM04', zh: '超过多边限额', en: 'Multilateral sender limit exceeded' },
  LATEST_TIME: { iso: 'NARR', zh: '超过最晚结算时间，已过期', en: 'Expired at its latest settlement time' },
  TIME_WINDOW: { iso: 'DT01', zh: '结算时间无效', en: 'Invalid settlement time window' },
  VALUE_DATE: { iso: 'DT01', zh: '起息日无效', en: 'Value date out of range' },
  CREDIT_IN_USE: { iso: 'NARR', zh: '日间透支额度正在使用中', en: 'Intraday credit is in use' },
  CLOCK_BACKWARDS: { iso: 'NARR', zh: '营业时钟不能回拨', en: 'The business clock cannot go backwards' },
  // The business-day schedule (docs/centre.md): refused at the house before the engine sees it.
  AFTER_CUT_OFF: { iso: 'TM01', zh: '已过业务截止时间', en: 'Received after the cut-off time' },
  DAY_NOT_OPEN: { iso: 'TM01', zh: '营业日尚未开始', en: 'The business day has not opened yet' },
  PARTICIPANT_SUSPENDED: { iso: 'AG01', zh: '参与者已暂停业务', en: 'Participant suspended by the clearing centre' },
} as const;

export type ReasonCode = keyof typeof REASON_CODES;

export function isReasonCode(code: string): code is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASON_CODES, code);
}

/** The table's words for a code, or undefined for a code it does not know (show what came instead). */
export function reasonWords(code: string): { zh: string; en: string } | undefined {
  return isReasonCode(code) ? REASON_CODES[code] : undefined;
}

/** A reason code in words in one language; a code the table does not know comes back as it came. */
export function reasonMessage(code: string, language: 'en' | 'zh' = 'en'): string {
  return reasonWords(code)?.[language] ?? code;
}
