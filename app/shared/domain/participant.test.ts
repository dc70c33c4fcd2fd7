import { describe, expect, it } from 'vitest';
import { participantIdSchema } from './participant';

describe('participant ids', () => {
  it('takes short codes and refuses names a plain object already carries', () => {
    expect(participantIdSchema.safeParse('HKB').success).toBe(true);
    expect(participantIdSchema.safeParse('ICBC_01').success).toBe(true);
    // Found by the scenario fuzzer: "__proto__" as a participant set the balances object's
    // prototype instead of a balance, so the output lost a participant.
    for (const id of ['__proto__', 'constructor', 'prototype']) expect(participantIdSchema.safeParse(id).success).toBe(false);
  });
});
