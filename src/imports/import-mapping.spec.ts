import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { KINDS } from './import-kinds';
import { fromCell, loadMapping, mapRecord, MappingError, parseMapping } from './import-mapping';

const contacts = KINDS.contacts;

describe('mapping files', () => {
  it('every shipped mapping in config/imports/ is valid for its kind', () => {
    const kindOf: Record<string, [keyof typeof KINDS, 'csv' | 'amazon-connect']> = {
      'contacts-generic.json': ['contacts', 'csv'],
      'netcall-calls.json': ['contacts', 'csv'],
      'volumes-monthly.json': ['volumes', 'csv'],
      'amazon-connect.json': ['contacts', 'amazon-connect'],
    };
    const shipped = readdirSync('config/imports').filter((f) => f.endsWith('.json'));
    expect(shipped.sort()).toEqual(Object.keys(kindOf).sort());
    for (const f of shipped) expect(() => loadMapping(`config/imports/${f}`, KINDS[kindOf[f][0]], kindOf[f][1])).not.toThrow();
  });

  it('a Netcall-style row: Queue → centre, Abandoned Y → abandoned, N → absent, channel and source by default, Agent ignored', () => {
    const netcall = loadMapping('config/imports/netcall-calls.json', contacts, 'csv');
    const row = { 'Call ID': 'n1', 'Call Start': '04/01/2021 09:00:00', Queue: 'Highways', Abandoned: 'Y', 'Queue Time': '31', 'Talk Time': '', Agent: 'Sam' };
    expect(mapRecord(row, netcall, contacts.fieldTypes, true)).toEqual({
      id: 'n1', occurredAt: '2021-01-04T09:00:00.000Z', centre: 'highways_transport', outcome: 'abandoned', waitSeconds: 31, channel: 'telephony', source: 'netcall',
    });
    expect(mapRecord({ ...row, Abandoned: 'N' }, netcall, contacts.fieldTypes, true)).not.toHaveProperty('outcome');
  });

  it('dates of a pattern are UK wall-clock time, GMT or BST; one not of the pattern is a problem of its field', () => {
    const netcall = loadMapping('config/imports/netcall-calls.json', contacts, 'csv');
    const at = (text: string) => {
      const problems: string[] = [];
      const item = mapRecord({ 'Call Start': text }, netcall, contacts.fieldTypes, true, problems);
      return problems.length ? problems : item.occurredAt;
    };
    expect(at('04/07/2021 09:00:00')).toBe('2021-07-04T08:00:00.000Z');
    expect(at('28/03/2021 00:59:59')).toBe('2021-03-28T00:59:59.000Z');
    expect(at('28/03/2021 02:00:00')).toBe('2021-03-28T01:00:00.000Z');
    expect(at('31/10/2021 00:30:00')).toBe('2021-10-30T23:30:00.000Z');
    expect(at('31/10/2021 02:00:00')).toBe('2021-10-31T02:00:00.000Z');
    expect(at('31/02/2021 09:00:00')).toEqual(['occurredAt: must be a date and time as dd/MM/yyyy HH:mm:ss']);
    expect(at('2021-03-04T10:00:00Z')).toEqual(['occurredAt: must be a date and time as dd/MM/yyyy HH:mm:ss']);
    const monthly = loadMapping('config/imports/volumes-monthly.json', KINDS.volumes, 'csv');
    expect(mapRecord({ 'Month ending': '29/02/2024' }, monthly, KINDS.volumes.fieldTypes, true)).toEqual({ date: '2024-02-29' });
  });

  it('spreadsheet text converts per field type; what does not convert stays text for the validator', () => {
    expect(fromCell(' 42 ', 'integer')).toBe(42);
    expect(fromCell('4.5', 'integer')).toBe('4.5');
    expect(fromCell('TRUE', 'boolean')).toBe(true);
    expect(fromCell('no', 'boolean')).toBe(false);
    expect(fromCell('maybe', 'boolean')).toBe('maybe');
    expect(fromCell('007', 'text')).toBe('007');
    expect(KINDS.conversations.fieldTypes.get('conversation')).toBe('integer');
    expect(KINDS.conversations.fieldTypes.get('safeguarding')).toBe('boolean');
    expect(KINDS.volumes.fieldTypes.get('count')).toBe('integer');
  });

  it.each([
    [[], 'mapping: the file must hold a JSON object'],
    [{ colums: {} }, 'mapping: "colums" is not a mapping section'],
    [{ columns: { Queue: 'queue' } }, 'mapping: columns."Queue" must be null or a contacts field'],
    [{ columns: { A: 'id', B: 'id' } }, 'mapping: columns."B" maps to id, as "A" already does'],
    [{ values: { outcome: ['Y'] } }, 'mapping: values."outcome" must be an object'],
    [{ values: { outcome: { Y: { x: 1 } } } }, 'mapping: values."outcome"."Y" must be a string, number, boolean or null'],
    [{ defaults: { colour: 'red' } }, 'mapping: defaults."colour" is not a contacts field'],
    [{ queues: { Q: 'customer_services' } }, 'mapping: "queues" applies to --format amazon-connect only'],
    [{ dates: { channel: 'dd/MM/yyyy' } }, 'mapping: dates."channel" is not a date or time field of contacts'],
    [{ dates: { occurredAt: 'day month year' } }, 'mapping: dates."occurredAt" must be a date-fns pattern such as "dd/MM/yyyy HH:mm"'],
  ])('%j is refused: %s', (json, message) => {
    expect(() => parseMapping(json, contacts, 'csv')).toThrow(MappingError);
    expect(() => parseMapping(json, contacts, 'csv')).toThrow(message);
  });

  it('a missing or broken file says so, naming it', () => {
    expect(() => loadMapping('config/imports/none.json', contacts, 'csv')).toThrow('mapping file config/imports/none.json: not found');
    expect(() => loadMapping('package-lock.json', contacts, 'csv')).toThrow(/package-lock.json: "name" is not a mapping section/);
  });
});
