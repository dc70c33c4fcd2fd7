import { describe, it, expect } from 'vitest';
import { parseWithBigInt, reviveBigInt, stringifyWithBigInt } from './json-bigint';

describe('JSON with bigints', () => {
  it('round-trips amounts beyond 2^53 exactly', () => {
    const command = { type: 'adjust', participantId: 'A', amountMinor: 99_999_999_999_999_999n };
    const text = stringifyWithBigInt(command);
    expect(text).toBe('{"type":"adjust","participantId":"A","amountMinor":{"$bigint":"99999999999999999"}}');
    expect(parseWithBigInt(text)).toEqual(command);
    expect(reviveBigInt(JSON.parse(text))).toEqual(command);
  });
});
