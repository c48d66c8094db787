import { Readable } from 'node:stream';
import { ImportFileError, RawRow, readRows } from './row-reader';

async function all(chunks: Buffer[], format: 'csv' | 'ndjson'): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readRows(Readable.from(chunks), format).rows) rows.push(row);
  return rows;
}

describe('readRows: text encoding', () => {
  it('reads UTF-8 with a byte-order mark and a character split between chunks', async () => {
    const bytes = Buffer.from('\ufeffid,centre\r\n1,"Caf\u00e9 £"\r\n', 'utf8');
    const split = bytes.indexOf(Buffer.from('£', 'utf8')) + 1; // inside the two bytes of £
    const rows = await all([bytes.subarray(0, split), bytes.subarray(split)], 'csv');
    expect(rows).toEqual([{ row: 1, record: { id: '1', centre: 'Caf\u00e9 £' }, cells: ['1', 'Caf\u00e9 £'], empty: false }]);
  });

  it('refuses a Windows-1252 spreadsheet rather than loading £ as a replacement character', async () => {
    const cp1252 = Buffer.concat([Buffer.from('id,note\r\n1,ok\r\n2,'), Buffer.from([0xa3]), Buffer.from('5\r\n')]);
    await expect(all([cp1252], 'csv')).rejects.toThrow(ImportFileError);
    await expect(all([cp1252], 'csv')).rejects.toThrow(/not UTF-8 text.*CSV UTF-8/);
  });

  it('waits for a four-byte character split over three chunks, and refuses a file cut inside one', async () => {
    const bytes = Buffer.from('id,note\n1,ok \u{1F44D}\n', 'utf8');
    const at = bytes.indexOf(0xf0);
    const rows = await all([bytes.subarray(0, at + 1), bytes.subarray(at + 1, at + 3), bytes.subarray(at + 3)], 'csv');
    expect(rows[0].record).toEqual({ id: '1', note: 'ok \u{1F44D}' });
    await expect(all([bytes.subarray(0, at + 2)], 'csv')).rejects.toThrow(ImportFileError);
  });

  it('refuses JSON lines that are not UTF-8 the same way', async () => {
    const lines = Buffer.concat([Buffer.from('{"id":"1"}\n{"id":"'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    await expect(all([lines], 'ndjson')).rejects.toThrow(ImportFileError);
  });
});
