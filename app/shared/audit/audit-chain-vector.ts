import { GENESIS_HASH, type AuditChainFields } from './audit-chain';

/**
 * A known answer for the audit chain scheme, worked out outside the code
 * (`printf '%s' "$AUDIT_CHAIN_VECTOR.input" | sha256sum`). The console (SQLite) and the house
 * (PostgreSQL) each check their hash against it, so one verifier reads both chains without
 * either side's tests importing the other's code.
 */
export const AUDIT_CHAIN_VECTOR: { fields: AuditChainFields; input: string; sha256: string } = {
  fields: {
    seq: 1,
    at: '2026-03-02T01:00:01.000Z',
    actor: 'admin',
    action: 'netDebitCap.set',
    entity: 'participant',
    entityId: 'P1',
    detail: { netDebitCap: '1.00', outcome: 'applied' },
    prevHash: GENESIS_HASH,
  },
  input:
    '{"action":"netDebitCap.set","actor":"admin","at":"2026-03-02T01:00:01.000Z","detail":{"netDebitCap":"1.00","outcome":"applied"},"entity":"participant","entityId":"P1","prevHash":"' +
    GENESIS_HASH +
    '","seq":1}',
  sha256: '48b41467df82273229f343715a0d218395c6028b4d99eeb96febd033d3a750ab',
};
