/**
 * Issue dates of bills in capitals, as the PBoC rules require to stop a date being altered:
 * months 壹, 贰 and 壹拾 and days 壹..玖, 壹拾, 贰拾, 叁拾 take a leading 零; days 拾壹..拾玖 take
 * a leading 壹. 1月15日 -> 零壹月壹拾伍日; 10月20日 -> 零壹拾月零贰拾日.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;

function numberWords(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensWords = tens === 0 ? '' : `${DIGITS[tens]}拾`;
  return tensWords + (ones === 0 ? '' : (DIGITS[ones] ?? ''));
}

function monthWords(month: number): string {
  const words = numberWords(month);
  return month === 1 || month === 2 || month === 10 ? `零${words}` : words;
}

function dayWords(day: number): string {
  const words = numberWords(day);
  return day <= 10 || day % 10 === 0 ? `零${words}` : words;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2026-01-15' -> 贰零贰陆年零壹月壹拾伍日. Throws on anything that is not a real calendar date. */
export function billDateInCapitals(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not a date in YYYY-MM-DD form: ${isoDate}`);
  const [, y = '', m = '', d = ''] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) throw new RangeError(`no such date: ${isoDate}`);
  const yearWords = [...y].map((ch) => DIGITS[Number(ch)]).join('');
  return `${yearWords}年${monthWords(month)}月${dayWords(day)}日`;
}
