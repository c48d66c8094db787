import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReferenceConfig } from '../config/reference-config';
import { copyInto, rows } from '../database/sql';
import { BatchResult, CONTACT_ROW_COLUMNS, QueuedContacts } from '../queue/queue-registry';
import { insertAllOrOnlyNew, runBatch } from './batch-transaction';
import {
  isRepeatSql, MEASURE_NAMES, measureContacts, REPEAT_LOCK, upsertContactStats, upsertHandoffStats, upsertHandoffTotals,
} from './contact-stats.sql';

const ROW_COLUMNS = CONTACT_ROW_COLUMNS.join(', ');
const KEY_COLUMNS = 'channel, handling, source, centre, service';

/**
 * Per connection, emptied at every commit or rollback: the batch as sent (COPY into it is several
 * times cheaper than JSON parameters), and, when some of it was already stored, the rows of it
 * actually inserted.
 */
const SCRATCH_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS contact_inbox (
    source text, source_id text, occurred_at timestamptz, local_date date, channel text, handling text, centre text,
    service text, category text, outcome text, handed_off_to text, wait_seconds integer, duration_seconds integer,
    satisfaction smallint, case_ref text, out_of_hours boolean, is_repeat boolean NOT NULL DEFAULT false
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS contact_fresh (LIKE contact_inbox) ON COMMIT DELETE ROWS`;

/** The common case, a batch never seen before: a plain insert, about half the cost of ON CONFLICT. */
const INSERT_ALL_SQL = `
  INSERT INTO contact_event (${ROW_COLUMNS}) SELECT ${ROW_COLUMNS} FROM contact_inbox`;

/** A batch with stored (or repeated) keys: ON CONFLICT DO NOTHING keeps the first version of a (source, id). */
const INSERT_NEW_SQL = `
  WITH ins AS (
    INSERT INTO contact_event (${ROW_COLUMNS})
    SELECT ${ROW_COLUMNS} FROM contact_inbox
    ON CONFLICT (source, source_id) DO NOTHING
    RETURNING ${ROW_COLUMNS}, is_repeat
  )
  INSERT INTO contact_fresh SELECT * FROM ins`;

/**
 * Repeat contacts: the new rows, and stored rows up to the window after a new row, become repeats
 * when the same case made a contact about the same service in the window before them. A repeat
 * never reverts, so marking is monotone and each flip adds 1 to the aggregates exactly once.
 * Then the new rows and the flips go into the aggregates in one upsert, in key order.
 */
const countSql = (fresh: string) => `
  WITH linked AS (
    -- New rows with another contact of their case and service within the window either side: no
    -- other new row can be a repeat or make one. One index probe each (LATERAL … LIMIT is never
    -- flattened into a join over every event).
    SELECT n.source, n.source_id, n.case_ref, n.service, n.occurred_at FROM ${fresh} n
    CROSS JOIN LATERAL (
      SELECT 1 FROM contact_event p
      WHERE p.case_ref = n.case_ref AND p.service = n.service
        AND p.occurred_at >= n.occurred_at - $2 * interval '1 hour' AND p.occurred_at <= n.occurred_at + $2 * interval '1 hour'
        AND (p.source <> n.source OR p.source_id <> n.source_id)
      LIMIT 1
    ) p
    WHERE n.case_ref IS NOT NULL AND n.service IS NOT NULL
  ),
  candidate AS (
    SELECT DISTINCT e.source, e.source_id FROM linked n
    CROSS JOIN LATERAL (
      SELECT e.source, e.source_id FROM contact_event e
      WHERE e.case_ref = n.case_ref AND e.service = n.service AND NOT e.is_repeat
        AND e.occurred_at >= n.occurred_at AND e.occurred_at <= n.occurred_at + $2 * interval '1 hour'
      OFFSET 0
    ) e
  ),
  flipped AS (
    UPDATE contact_event e SET is_repeat = true FROM candidate c
    WHERE e.source = c.source AND e.source_id = c.source_id AND NOT e.is_repeat AND ${isRepeatSql('e', '$2')}
    RETURNING e.local_date, e.channel, e.handling, e.source, e.centre, e.service
  ),
  measured AS (
    SELECT local_date, ${KEY_COLUMNS}, ${MEASURE_NAMES.map((m) => `sum(${m}) AS ${m}`).join(', ')} FROM (
      ${measureContacts(fresh, '$1')}
      UNION ALL
      SELECT local_date, ${KEY_COLUMNS}, ${MEASURE_NAMES.map((m) => (m === 'repeats' ? 'count(*)' : '0')).join(', ')}
      FROM flipped GROUP BY local_date, ${KEY_COLUMNS}
    ) AS u GROUP BY local_date, ${KEY_COLUMNS}
  ),
  stats AS (${upsertContactStats('measured', MEASURE_NAMES)}),
  handoffs AS (${upsertHandoffStats(fresh)}),
  handoff_totals AS (${upsertHandoffTotals(fresh)})
  SELECT (SELECT count(*) FROM ${fresh})::int AS inserted`;
const COUNT_ALL_SQL = countSql('contact_inbox');
const COUNT_NEW_SQL = countSql('contact_fresh');

@Injectable()
export class ContactWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly config: ReferenceConfig,
  ) {}

  async write({ batchId, count, linked, rows: inbox }: QueuedContacts): Promise<BatchResult> {
    return runBatch(this.ds, batchId, 'contacts', count, async (m) => {
      await m.query(SCRATCH_SQL);
      await copyInto(m, `COPY contact_inbox (${ROW_COLUMNS}) FROM STDIN`, inbox);
      const allNew = (await insertAllOrOnlyNew(m, INSERT_ALL_SQL, INSERT_NEW_SQL)) === null;
      // Batches with case references count one at a time, so each sees the others' contacts: the
      // costly insert above runs in parallel, and a lock holder only waits for aggregate rows, which
      // every batch upserts in one statement in key order (no deadlock).
      if (linked) await m.query('SELECT pg_advisory_xact_lock($1)', [REPEAT_LOCK]);
      const [{ inserted }] = await rows<{ inserted: number }>(m, allNew ? COUNT_ALL_SQL : COUNT_NEW_SQL, [
        this.config.metrics.serviceLevelSeconds,
        this.config.metrics.repeatContactWindowDays * 24,
      ]);
      return { inserted, duplicates: count - inserted };
    });
  }
}
