import { Client } from 'pg';
import { CONTACT_COLUMNS, CONTACT_MEASURES, CONTACT_STATS_KEY } from '../../src/database/contact-columns';
import { CREATE_CONTACT_SCRATCH_SQL } from '../../src/pipeline/contact.writer';
import { createTestDatabase, dropTestDatabase } from '../support/test-db';

/** database/contact-columns.ts against the migrated schema of a fresh test database. */
describe('a contact\'s columns and measures match the migrated schema', () => {
  let db: { name: string; url: string };
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await dropTestDatabase(db.name);
  });

  /** [column, type] of a table in column order, types as written in SQL (timestamptz, integer …). */
  async function columnsOf(table: string): Promise<string[][]> {
    const { rows } = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    );
    return rows.map((r) => [r.name, r.type === 'timestamp with time zone' ? 'timestamptz' : r.type]);
  }

  it('contact_event holds every contact column with its type, and only server-filled columns beside them', async () => {
    const stored = await columnsOf('contact_event');
    const sent = CONTACT_COLUMNS.map(([name, type]) => [name, type]);
    expect(stored.filter(([name]) => sent.some(([c]) => c === name))).toEqual(sent);
    expect(stored.filter(([name]) => !sent.some(([c]) => c === name)).map(([name]) => name)).toEqual(['is_repeat', 'received_at']);
  });

  it('contact_stats is grain, bucket, the key and every measure, in that order', async () => {
    expect((await columnsOf('contact_stats')).map(([name]) => name)).toEqual([
      'grain', 'bucket', ...CONTACT_STATS_KEY, ...CONTACT_MEASURES,
    ]);
  });

  it('the worker\'s scratch table is the contact columns and the repeat flag', async () => {
    await client.query('BEGIN');
    try {
      await client.query(CREATE_CONTACT_SCRATCH_SQL);
      const expected = [...CONTACT_COLUMNS.map(([name, type]) => [name, type]), ['is_repeat', 'boolean']];
      expect(await columnsOf('contact_inbox')).toEqual(expected);
      expect(await columnsOf('contact_fresh')).toEqual(expected);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
