import { pinyin } from 'pinyin-pro';

/**
 * The pinyin initials of a bank's name, lower case (中国工商银行 -> "zggsyh"), the way clerks
 * look a bank up in 行名行号 lists. Letters and digits in the name are kept as they are. Worked
 * out in main: the renderer stays free of the 300 KB dictionary. Cached by name (a directory
 * holds tens of banks, and names seldom change).
 */
const cache = new Map<string, string>();

export function pinyinInitials(name: string): string {
  let initials = cache.get(name);
  if (initials === undefined) {
    initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    cache.set(name, initials);
  }
  return initials;
}
