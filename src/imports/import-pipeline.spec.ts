import 'reflect-metadata';
import { Readable } from 'node:stream';
import { loadReferenceConfig } from '../config/reference-config';
import { KINDS } from './import-kinds';
import { loadMapping, NO_MAPPING } from './import-mapping';
import { ImportSink, runImport, SendResult } from './import-pipeline';
import { readRows } from './row-reader';

const config = loadReferenceConfig('config');

/** A sink that keeps what it is sent and answers as told: the pipeline's own logic, without a service. */
function sink(answer: (items: Array<Record<string, unknown>>) => SendResult = () => ({ batchId: 'b' })) {
  const sent: Array<Array<Record<string, unknown>>> = [];
  const s: ImportSink = {
    send: async (items) => (sent.push(items as Array<Record<string, unknown>>), answer(items as Array<Record<string, unknown>>)),
    outcome: async () => ({ inserted: 1, duplicates: 0 }),
  };
  return { s, sent };
}

async function importCsv(csv: string, s: ImportSink, mapping = NO_MAPPING, batchSize = 10_000) {
  const rejected: Array<[number, string]> = [];
  const tally = await runImport(readRows(Readable.from([csv]), 'csv').rows, { kind: KINDS.contacts, format: 'csv', mapping, config, batchSize }, s, {
    rejected: (row, problem) => void rejected.push([row, problem]),
  });
  return { tally, rejected };
}

describe('the row pipeline', () => {
  it('a date not of the mapping pattern is one problem of its field, not two', async () => {
    const netcall = loadMapping('config/imports/netcall-calls.json', KINDS.contacts, 'csv');
    const csv = 'Call ID,Call Start,Queue,Abandoned\nn1,04/03/2021 10:15:00,Highways,N\nn2,2021-03-04,Highways,Y\nn3,,Highways,Y\n';
    const { s, sent } = sink();
    const { tally, rejected } = await importCsv(csv, s, netcall);
    expect(tally).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
    expect(sent).toEqual([[{ id: 'n1', occurredAt: '2021-03-04T10:15:00.000Z', centre: 'highways_transport', channel: 'telephony', source: 'netcall' }]]);
    expect(rejected).toEqual([
      [2, 'occurredAt: must be a date and time as dd/MM/yyyy HH:mm:ss'],
      [3, 'occurredAt: must be an ISO 8601 date-time with an offset, e.g. 2021-03-31T23:30:00Z'],
    ]);
  });

  it('rows the service refuses (400) are rejected with its words by row, the rest sent again; a 413 halves the batch', async () => {
    const csv = ['id,occurredAt,channel', ...Array.from({ length: 6 }, (_, i) => `r${i + 1},2021-03-04T10:00:00Z,online`)].join('\n');
    const { s, sent } = sink((items) => {
      if (items.length > 2) return { tooLarge: true };
      const i = items.findIndex((e) => e.id === 'r4');
      return i >= 0 ? { invalid: [{ path: `events[${i}].id`, problem: 'refused here' }] } : { batchId: `b${items.map((e) => e.id).join('')}` };
    });
    const { tally, rejected } = await importCsv(csv, s, NO_MAPPING, 6);
    expect(rejected).toEqual([[4, 'id: refused here']]);
    expect(tally).toMatchObject({ read: 6, accepted: 5, rejected: 1, batchIds: ['br1r2', 'br3', 'br5', 'br6'] });
    // 6 → 3 + 3; 3 → 2 + 1; 3 → 2 (r4 refused, r5 again) + 1
    expect(sent.map((b) => b.length)).toEqual([6, 3, 2, 1, 3, 2, 1, 1]);
  });

  it('JSON lines: a byte-order mark and blank lines are no rows; a line that is not a JSON object is rejected by its number', async () => {
    const lines = [
      '\uFEFF{"id":"j1","occurredAt":"2021-03-04T10:00:00Z","channel":"email","waitSeconds":null}',
      '',
      '{"id":"j2","occurredAt":"2021-03-04T10:00:00Z","channel":"email"',
      '   ',
      '["j3"]',
      '{"id":"j4","occurredAt":"2021-03-04T10:00:00Z","channel":"email","waitSeconds":"12"}',
    ].join('\r\n');
    const { s, sent } = sink();
    const rejected: Array<[number, string, string[]]> = [];
    const tally = await runImport(readRows(Readable.from([lines]), 'ndjson').rows, { kind: KINDS.contacts, format: 'ndjson', mapping: NO_MAPPING, config }, s, {
      rejected: (row, problem, cells) => void rejected.push([row, problem, cells]),
    });
    expect(tally).toMatchObject({ read: 4, accepted: 1, rejected: 3 });
    expect(sent).toEqual([[{ id: 'j1', occurredAt: '2021-03-04T10:00:00Z', channel: 'email' }]]);
    expect(rejected.map(([row, problem]) => [row, problem])).toEqual([
      [2, 'not valid JSON'],
      [3, 'not a JSON object'],
      // JSON carries its own types: "12" stays a string, and the API's words for it follow
      [4, 'waitSeconds: must not be greater than 2147483647; waitSeconds: must not be less than 0; waitSeconds: must be an integer number'],
    ]);
    expect(rejected[1][2]).toEqual(['["j3"]']);
  });

  it('a failure of the service stops the import with it, also while rows are still being read', async () => {
    const csv = ['id,occurredAt,channel', ...Array.from({ length: 50 }, (_, i) => `f${i},2021-03-04T10:00:00Z,online`)].join('\n');
    const { s } = sink(() => {
      throw new Error('the service refused the key (401)');
    });
    await expect(importCsv(csv, s, NO_MAPPING, 5)).rejects.toThrow('the service refused the key (401)');
  });
});
