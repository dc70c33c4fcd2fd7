/** A bank as the entry's receiving-bank lookup knows it (participants.list, the directory 行名行号). */
export interface DirectoryBank {
  id: string;
  name: string;
  bankCode: string;
  self: boolean;
  active?: boolean;
  /** Pinyin initials of the name, lower case (worked out in main). */
  initials?: string;
}

/** Suggestions shown at once: enough for a city's banks typed by two initials. */
export const MAX_SUGGESTIONS = 8;

/**
 * Receiving banks matching what the clerk typed, best first: the 12-digit bank code (行号) from
 * its start, pinyin initials (zggs -> 中国工商银行...) from the start, then the name or initials
 * anywhere. Our own bank is never a receiving bank. An empty query lists the first banks by code.
 */
export function searchBanks(banks: readonly DirectoryBank[], query: string, limit = MAX_SUGGESTIONS): DirectoryBank[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  const candidates = banks.filter((b) => !b.self);
  if (q === '') return [...candidates].sort((a, b) => a.bankCode.localeCompare(b.bankCode)).slice(0, limit);
  const rank = (b: DirectoryBank): number | null => {
    const initials = b.initials ?? '';
    const name = b.name.toLowerCase();
    if (b.bankCode === q) return 0;
    if (b.bankCode.startsWith(q)) return 1;
    if (initials.startsWith(q)) return 2;
    if (name.startsWith(q)) return 3;
    if (name.includes(q)) return 4;
    if (initials.includes(q)) return 5;
    // Digits from the middle (a branch number remembered): only from four on, "10" is in every code.
    if (/^\d{4,}$/.test(q) && b.bankCode.includes(q)) return 6;
    return null;
  };
  return candidates
    .map((b) => ({ b, r: rank(b) }))
    .filter((x): x is { b: DirectoryBank; r: number } => x.r !== null)
    .sort((x, y) => x.r - y.r || x.b.bankCode.localeCompare(y.b.bankCode))
    .slice(0, limit)
    .map((x) => x.b);
}

/** The bank whose full 12-digit code was typed, if any: chosen without a further key. */
export function bankByCode(banks: readonly DirectoryBank[], query: string): DirectoryBank | undefined {
  const q = query.trim();
  return /^\d{12}$/.test(q) ? banks.find((b) => !b.self && b.bankCode === q) : undefined;
}

/** How a chosen bank reads in the field. */
export const bankLabel = (b: DirectoryBank): string => `${b.bankCode} ${b.name}`;
