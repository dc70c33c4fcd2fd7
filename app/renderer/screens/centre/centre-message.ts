import { localized } from '../../i18n/i18n';

/**
 * A screen's last outcome, kept as a key or the contract error (both languages), not as text:
 * switching the language re-words it instead of leaving the old language on screen.
 */
export type CentreMessage = { kind: 'ok'; key: string; params?: Record<string, unknown> } | { kind: 'err'; error: { message: string; messageZh: string } };

export function messageText(m: CentreMessage, t: (key: string, o?: Record<string, unknown>) => string, language: string): string {
  return m.kind === 'ok' ? t(m.key, m.params) : localized(language, m.error);
}
