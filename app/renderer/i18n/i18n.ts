import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
import riskZh from './risk.zh-CN.json';
import riskEn from './risk.en.json';
import syncZh from './sync.zh-CN.json';
import syncEn from './sync.en.json';
import reconZh from './recon.zh-CN.json';
import reconEn from './recon.en.json';
import auditZh from './audit.zh-CN.json';
import auditEn from './audit.en.json';
import largeValueZh from './large-value.zh-CN.json';
import largeValueEn from './large-value.en.json';
import riskRulesZh from './risk-rules.zh-CN.json';
import riskRulesEn from './risk-rules.en.json';
import opsZh from './ops.zh-CN.json';
import opsEn from './ops.en.json';
import liquidityManagementZh from './liquidity-management.zh-CN.json';
import liquidityManagementEn from './liquidity-management.en.json';
import bulkZh from './bulk.zh-CN.json';
import bulkEn from './bulk.en.json';
import queueManagementZh from './queue-management.zh-CN.json';
import queueManagementEn from './queue-management.en.json';
import messagesZh from './messages.zh-CN.json';
import messagesEn from './messages.en.json';
import inboxZh from './inbox.zh-CN.json';
import inboxEn from './inbox.en.json';
import centreBankZh from './centre-bank.zh-CN.json';
import centreBankEn from './centre-bank.en.json';
import centreZh from './centre.zh-CN.json';
import centreEn from './centre.en.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'hankou.lang';

/** zh-CN unless the operator chose English on this machine before. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // The risk desk's strings, added beside (never over) the console's own.
  i18next.addResourceBundle('zh-CN', 'translation', riskZh, true, false);
  i18next.addResourceBundle('en', 'translation', riskEn, true, false);
  // The house link's screens (inbound, liquidity), likewise.
  i18next.addResourceBundle('zh-CN', 'translation', syncZh, true, false);
  i18next.addResourceBundle('en', 'translation', syncEn, true, false);
  // The reconciliation workspace, likewise.
  i18next.addResourceBundle('zh-CN', 'translation', reconZh, true, false);
  i18next.addResourceBundle('en', 'translation', reconEn, true, false);
  // The auditor's trail screen, likewise.
  i18next.addResourceBundle('zh-CN', 'translation', auditZh, true, false);
  i18next.addResourceBundle('en', 'translation', auditEn, true, false);
  // The large-value report screen, likewise.
  i18next.addResourceBundle('zh-CN', 'translation', largeValueZh, true, false);
  i18next.addResourceBundle('en', 'translation', largeValueEn, true, false);
  // The rule-set versions screen, likewise.
  i18next.addResourceBundle('zh-CN', 'translation', riskRulesZh, true, false);
  i18next.addResourceBundle('en', 'translation', riskRulesEn, true, false);
  // The daily tools (users, password, receipts, exports), likewise.
  i18next.addResourceBundle('zh-CN', 'translation', opsZh, true, false);
  i18next.addResourceBundle('en', 'translation', opsEn, true, false);
  // Liquidity management (流动性管理), likewise.
  i18next.addResourceBundle('zh-CN', 'translation', liquidityManagementZh, true, false);
  i18next.addResourceBundle('en', 'translation', liquidityManagementEn, true, false);
  // Bulk files, payment templates and operator limits (issue 13), likewise.
  i18next.addResourceBundle('zh-CN', 'translation', bulkZh, true, false);
  i18next.addResourceBundle('en', 'translation', bulkEn, true, false);
  // Queue management (排队管理), timed payment entry and the queue chart, likewise.
  i18next.addResourceBundle('zh-CN', 'translation', queueManagementZh, true, false);
  i18next.addResourceBundle('en', 'translation', queueManagementEn, true, false);
  // Messages between banks (inquiries, return requests, stops) on the payment's detail, likewise.
  i18next.addResourceBundle('zh-CN', 'translation', messagesZh, true, false);
  i18next.addResourceBundle('en', 'translation', messagesEn, true, false);
  // The message inbox (查询查复), likewise.
  i18next.addResourceBundle('zh-CN', 'translation', inboxZh, true, false);
  i18next.addResourceBundle('en', 'translation', inboxEn, true, false);
  // The clearing centre at the bank: business day, broadcasts, directory, one-time codes.
  i18next.addResourceBundle('zh-CN', 'translation', centreBankZh, true, false);
  i18next.addResourceBundle('en', 'translation', centreBankEn, true, false);
  // The clearing centre's screens (centre mode), likewise.
  i18next.addResourceBundle('zh-CN', 'translation', centreZh, true, false);
  i18next.addResourceBundle('en', 'translation', centreEn, true, false);
  document.documentElement.lang = language;
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the switch still applies to this window.
  }
}

/** Picks the words of a contract error or issue in the current language. */
export function localized(language: string, item: { message: string; messageZh: string }): string {
  return language.startsWith('zh') ? item.messageZh : item.message;
}
