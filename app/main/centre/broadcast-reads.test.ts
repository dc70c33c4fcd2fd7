import { describe, expect, it } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import { migrate } from '../store/migrate';
import { SYNC_MIGRATIONS } from '../sync/migrations/index';
import { applyPullPage } from '../sync/apply-pull-page';
import { broadcastsFor, markBroadcastRead } from './broadcast-reads';
import { listParticipants } from '../settings/participants';
import { storedScheduleFor } from '../settings/centre-reference';
import type { Change } from '../../shared/contract/sync-protocol';

const broadcast = (id: number, urgency: 'info' | 'warning' | 'urgent') => ({
  id,
  at: '2026-11-26T02:00:00.000Z',
  sender: 'wang.li',
  participantId: null,
  urgency,
  title: `通知 ${id}`,
  body: '今日大额支付系统延迟至 17:30 日切。',
});
function linkedStore() {
  const db = seededStore();
  migrate(db, SYNC_MIGRATIONS);
  return db;
}
const DAY = { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00'], endOfDay: '17:30' };

describe('the centre reference a bank console pulls', () => {
  it('hands broadcasts back to show at once, keeps them, and marks them read per operator', () => {
    const db = linkedStore();
    const changes: Change[] = [
      { seq: 1, type: 'broadcast', data: broadcast(1, 'info') },
      { seq: 2, type: 'broadcast', data: broadcast(2, 'urgent') },
    ];
    const applied = applyPullPage(db, 'HKB', changes, 'c2', '2026-11-26T02:00:01.000Z');
    expect(applied.broadcasts.map((b) => b.id)).toEqual([1, 2]);
    expect(applied.referenceChanged).toBe(false);
    expect(broadcastsFor(db, 'clerk1').map((b) => [b.id, b.readAt])).toEqual([[2, null], [1, null]]);

    expect(markBroadcastRead(db, 2, 'clerk1', 't1')).toBe(true);
    expect(markBroadcastRead(db, 2, 'clerk1', 't2')).toBe(true);
    expect(markBroadcastRead(db, 9, 'clerk1', 't2')).toBe(false);
    expect(broadcastsFor(db, 'clerk1').map((b) => [b.id, b.readAt])).toEqual([[2, 't1'], [1, null]]);
    // Another clerk still has it unread.
    expect(broadcastsFor(db, 'clerk2').every((b) => b.readAt === null)).toBe(true);
    // Audited once, with the person.
    const audits = db.prepare("SELECT actor, entity_id FROM audit_log WHERE action = 'broadcast.read'").all();
    expect(audits).toEqual([{ actor: 'clerk1', entity_id: '2' }]);
  });

  it('keeps the directory status and the schedule, and says the reference changed', () => {
    const db = linkedStore();
    const changes: Change[] = [
      { seq: 1, type: 'participant', data: { id: 'ICBC', name: '中国工商银行武汉分行', bankCode: '102521000030', active: false } },
      { seq: 2, type: 'participant', data: { id: 'CMB', name: '招商银行武汉分行', bankCode: '308521000017', active: true } },
      { seq: 3, type: 'schedule', data: { day: 'default', schedule: DAY } },
    ];
    const applied = applyPullPage(db, 'HKB', changes, 'c3', '2026-11-26T02:00:01.000Z');
    expect(applied.referenceChanged).toBe(true);
    const byId = new Map(listParticipants(db).map((p) => [p.id, p]));
    expect(byId.get('ICBC')?.active).toBe(false);
    expect(byId.get('CMB')?.active).toBe(true);
    expect(byId.get('CCB')?.active).toBe(true);
    expect(storedScheduleFor(db, '2026-11-26')).toEqual(DAY);
    // Resumed: active again.
    applyPullPage(db, 'HKB', [{ seq: 4, type: 'participant', data: { id: 'ICBC', name: '中国工商银行武汉分行', bankCode: '102521000030', active: true } }], 'c4', 't');
    expect(listParticipants(db).find((p) => p.id === 'ICBC')?.active).toBe(true);
  });
});
