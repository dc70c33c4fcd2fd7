import { DEVICE_ID_PATTERN, MAX_MUTATIONS_PER_PUSH, PROTOCOL_VERSION, pushRequestSchema, type PushRequest } from './sync-protocol';

/**
 * pushRequestSchema by hand for the common push, a run of payment.submit mutations (a zod parse
 * copies every mutation and cost a tenth of the house's CPU per payment). It accepts only what
 * the schema accepts and then returns the body itself, which is then equal to the schema's
 * output (no key dropped, none trimmed, payload passed through as z.unknown() does); anything
 * else, other mutation types included, is left to the schema, so every refusal keeps its
 * message. push-fast-check.test.ts holds it to the schema on hostile input.
 */
export function fastCheckPushRequest(body: unknown): PushRequest | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  let keys = 0;
  for (const key in body) {
    if (key !== 'protocolVersion' && key !== 'deviceId' && key !== 'mutations') return undefined;
    keys += 1;
  }
  if (keys !== 3) return undefined;
  const { protocolVersion, deviceId, mutations } = body as Record<string, unknown>;
  if (protocolVersion !== PROTOCOL_VERSION) return undefined;
  if (typeof deviceId !== 'string' || deviceId.length < 1 || deviceId.length > 64 || !DEVICE_ID_PATTERN.test(deviceId)) return undefined;
  if (!Array.isArray(mutations) || mutations.length < 1 || mutations.length > MAX_MUTATIONS_PER_PUSH) return undefined;
  let previousSeq = 0;
  for (let i = 0; i < mutations.length; i += 1) {
    const m: unknown = mutations[i];
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return undefined;
    let mutationKeys = 0;
    for (const key in m) {
      if (key !== 'seq' && key !== 'id' && key !== 'type' && key !== 'payload') return undefined;
      mutationKeys += 1;
    }
    // All four present: an absent payload is left to the schema (z.unknown() has its own say).
    if (mutationKeys !== 4) return undefined;
    const { seq, id, type } = m as Record<string, unknown>;
    if (type !== 'payment.submit') return undefined;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
    if (i > 0 && seq !== previousSeq + 1) return undefined;
    previousSeq = seq;
    if (typeof id !== 'string' || id.length < 1 || id.length > 64) return undefined;
  }
  return body as PushRequest;
}

/** The schema's verdict on a push body: the fast path's when it is sure, zod's otherwise. */
export function parsePushRequest(body: unknown): ReturnType<typeof pushRequestSchema.safeParse> {
  const fast = fastCheckPushRequest(body);
  if (fast !== undefined) return { success: true, data: fast };
  return pushRequestSchema.safeParse(body);
}
