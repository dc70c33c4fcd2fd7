/**
 * JSON that keeps bigints exact: a bigint becomes {"$bigint":"123"} and comes back as 123n.
 * Used for journaled engine commands and engine snapshots, whose amounts are bigint.
 */
const TAG = '$bigint';

export function stringifyWithBigInt(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { [TAG]: v.toString() } : v));
}

export function parseWithBigInt<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      const tagged = record[TAG];
      if (typeof tagged === 'string' && Object.keys(record).length === 1) return BigInt(tagged);
    }
    return v;
  }) as T;
}

/** jsonb comes back parsed (an object) from both drivers; re-read it with bigints restored. */
export function reviveBigInt<T = unknown>(value: unknown): T {
  return parseWithBigInt<T>(typeof value === 'string' ? value : JSON.stringify(value));
}
