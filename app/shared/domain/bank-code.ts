import { z } from 'zod';

/**
 * CNAPS bank codes (行号): 12 digits = 3-digit bank category (行别代码) + 4-digit city code
 * (城市代码, Wuhan is 5210) + 4-digit branch sequence + 1 check digit. The check-digit
 * algorithm is not published, so we validate the shape and the category and keep the digit.
 */
export const WUHAN_CITY_CODE = '5210';

/** Bank category codes (行别代码) of the participants we know, from the PBoC's CNAPS tables. */
export const BANK_CATEGORIES: Readonly<Record<string, { zh: string; en: string }>> = {
  '001': { zh: '中国人民银行', en: "People's Bank of China" },
  '102': { zh: '中国工商银行', en: 'Industrial and Commercial Bank of China' },
  '103': { zh: '中国农业银行', en: 'Agricultural Bank of China' },
  '104': { zh: '中国银行', en: 'Bank of China' },
  '105': { zh: '中国建设银行', en: 'China Construction Bank' },
  '301': { zh: '交通银行', en: 'Bank of Communications' },
  '302': { zh: '中信银行', en: 'China CITIC Bank' },
  '303': { zh: '中国光大银行', en: 'China Everbright Bank' },
  '305': { zh: '中国民生银行', en: 'China Minsheng Bank' },
  '308': { zh: '招商银行', en: 'China Merchants Bank' },
  '309': { zh: '兴业银行', en: 'Industrial Bank' },
  '310': { zh: '上海浦东发展银行', en: 'Shanghai Pudong Development Bank' },
  '313': { zh: '城市商业银行', en: 'City commercial bank' },
  '402': { zh: '农村信用合作社', en: 'Rural credit cooperative' },
  '403': { zh: '中国邮政储蓄银行', en: 'Postal Savings Bank of China' },
};

export const bankCodeSchema = z
  .string()
  .regex(/^\d{12}$/, { message: 'bank code (行号) must be exactly 12 digits' })
  .refine((code) => BANK_CATEGORIES[code.slice(0, 3)] !== undefined, {
    message: 'bank code (行号) starts with an unknown bank category code',
  });

export type BankCode = z.infer<typeof bankCodeSchema>;

export function bankCategoryOf(code: BankCode): string {
  return code.slice(0, 3);
}

export function cityCodeOf(code: BankCode): string {
  return code.slice(3, 7);
}
