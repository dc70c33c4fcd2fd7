import { describe, expect, it } from 'vitest';
import { parseLocalList } from './local-list';

describe('local list', () => {
  it('reads the JSON form with defaults', () => {
    const result = parseLocalList(
      JSON.stringify({ title: 'Wuhan watch list', entries: [{ id: 'L-1', name: 'Zhang San', aliases: ['张三'] }, { id: 'L-2', name: 'Hankou Shell Co', type: 'entity' }] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.list.title).toBe('Wuhan watch list');
    expect(result.list.entries[0]).toMatchObject({ list: 'local', id: 'L-1', type: 'individual', aliases: [{ name: '张三', kind: 'aka' }] });
    expect(result.list.entries[1]).toMatchObject({ id: 'L-2', type: 'entity', aliases: [] });
  });

  it('reads a bare JSON array and the CSV form', () => {
    expect(parseLocalList('[{"id":"1","name":"A B"}]')).toMatchObject({ ok: true, list: { title: 'Local list' } });
    const csv = '\uFEFFid,name,type,aliases\nL-1,"Li, Si",individual,Li Si|李四\nL-2,Acme Ltd,entity,\n';
    const result = parseLocalList(csv);
    expect(result.ok && result.list.entries.map((e) => [e.id, e.name, e.type, e.aliases.map((a) => a.name)])).toEqual([
      ['L-1', 'Li, Si', 'individual', ['Li Si', '李四']],
      ['L-2', 'Acme Ltd', 'entity', []],
    ]);
  });

  it('refuses bad input with a message naming the problem', () => {
    expect(parseLocalList('{"entries":[{"id":"1"}]}')).toMatchObject({ ok: false, error: { code: 'bad_record' } });
    expect(parseLocalList('{oops')).toMatchObject({ ok: false, error: { code: 'bad_json' } });
    expect(parseLocalList('name,id\nA,1')).toMatchObject({ ok: false, error: { code: 'bad_csv' } });
    expect(parseLocalList('[{"id":"1","name":"A"},{"id":"1","name":"B"}]')).toEqual({ ok: false, error: { code: 'bad_record', message: 'local list: id 1 appears twice' } });
    expect(parseLocalList('[{"id":"1","name":"A","type":"ship"}]')).toMatchObject({ ok: false, error: { code: 'bad_record' } });
  });
});
