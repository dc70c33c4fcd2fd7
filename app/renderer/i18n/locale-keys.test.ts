import { describe, expect, it } from 'vitest';

/**
 * Every string namespace the renderer loads: the console's own (zh-CN.json / en.json) and each
 * screen's added beside it (<namespace>.zh-CN.json / <namespace>.en.json), found by file name so
 * a new screen's strings are checked without touching this test.
 */
const FILES = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

const namespaceOf = (file: string, language: 'zh-CN' | 'en'): string | undefined => {
  const name = file.replace(/^\.\//, '');
  if (name === `${language}.json`) return 'console';
  return name.endsWith(`.${language}.json`) ? name.slice(0, -`.${language}.json`.length) : undefined;
};

function byNamespace(language: 'zh-CN' | 'en'): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [file, strings] of Object.entries(FILES)) {
    const namespace = namespaceOf(file, language);
    if (namespace !== undefined) out.set(namespace, strings);
  }
  return out;
}

const ZH = byNamespace('zh-CN');
const EN = byNamespace('en');
const NAMESPACES = [...ZH.keys()].sort();

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}
const pick = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o);
const placeholders = (s: unknown): string[] => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('locale files', () => {
  it('come in pairs: every namespace in Chinese and in English, the seven known ones among them', () => {
    expect([...EN.keys()].sort()).toEqual(NAMESPACES);
    expect(NAMESPACES).toEqual(expect.arrayContaining(['console', 'risk', 'sync', 'recon', 'audit', 'large-value', 'risk-rules']));
  });

  it.each(NAMESPACES)('%s: the same keys and the same {{placeholders}} in Chinese and English', (namespace) => {
    const zh = ZH.get(namespace);
    const en = EN.get(namespace);
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    for (const key of keys(zh)) expect(placeholders(pick(en, key)), key).toEqual(placeholders(pick(zh, key)));
  });

  it('each key belongs to one namespace: a screen adds keys beside the others, never over them', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const namespace of NAMESPACES) {
      for (const key of keys(ZH.get(namespace))) {
        const first = owner.get(key);
        if (first !== undefined) clashes.push(`${key} (${first}, ${namespace})`);
        else owner.set(key, namespace);
      }
    }
    expect(clashes).toEqual([]);
  });
});
