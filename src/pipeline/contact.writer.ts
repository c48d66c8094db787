import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReferenceConfig } from '../config/reference-config';
import { CONTACT_COLUMNS, CONTACT_MEASURES, CONTACT_ROW_COLUMNS, CONTACT_STATS_KEY } from '../database/contact-columns';
import { copyInto, rows } from '../database/sql';
import type { BatchResult, QueuedContacts } from '../queue/queue-registry';
import { insertAllOrOnlyNew, runBatch } from './batch-transaction';
import { NOTIFY_CONTACTS_COUNTED_SQL } from './counted-signal';
import {
  addToContactStats, addToHalfHours, addToHandoffStats, addToHandoffTotals, isRepeatCondition, measureContactsByDay, REPEAT_LOCK, TAKE_LOCK_SQL,
} from './contact-stats.sql';

const ROW_COLUMNS = CONTACT_ROW_COLUMNS.join(', ');
const KEY_COLUMNS = CONTACT_STATS_KEY.join(', ');

/**
 * Per connection, emptied at every commit or rollback: the batch as sent (COPY into it is several
 * times cheaper than JSON parameters), and, when some of it was already stored, the rows of it
 * actually inserted.
 */
export const CREATE_CONTACT_SCRATCH_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS contact_inbox (
    ${CONTACT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')}, is_repeat boolean NOT NULL DEFAULT false
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS contact_fresh (LIKE contact_inbox) ON COMMIT DELETE ROWS`;

export const COPY_CONTACT_INBOX_SQL = `COPY contact_inbox (${ROW_COLUMNS}) FROM STDIN`;

/** The common case, a batch never seen before: a plain insert, about half the cost of ON CONFLICT. */
export const INSERT_ALL_CONTACTS_SQL = `
  INSERT INTO contact_event (${ROW_COLUMNS}) SELECT ${ROW_COLUMNS} FROM contact_inbox`;

/** A batch with stored (or repeated) keys: ON CONFLICT DO NOTHING keeps the first version of a (source, id). */
export const INSERT_NEW_CONTACTS_SQL = `
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
const markRepeatsAndAggregate = (fresh: string) => `
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
    WHERE e.source = c.source AND e.source_id = c.source_id AND NOT e.is_repeat AND ${isRepeatCondition('e', '$2')}
    RETURNING e.local_date, e.channel, e.handling, e.source, e.centre, e.service
  ),
  measured AS (
    SELECT local_date, ${KEY_COLUMNS}, ${CONTACT_MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')} FROM (
      ${measureContactsByDay(fresh, '$1')}
      UNION ALL
      SELECT local_date, ${KEY_COLUMNS}, ${CONTACT_MEASURES.map((m) => (m === 'repeats' ? 'count(*)' : '0')).join(', ')}
      FROM flipped GROUP BY local_date, ${KEY_COLUMNS}
    ) AS u GROUP BY local_date, ${KEY_COLUMNS}
  ),
  stats AS (${addToContactStats('measured', CONTACT_MEASURES)}),
  handoffs AS (${addToHandoffStats(fresh)}),
  handoff_totals AS (${addToHandoffTotals(fresh)}),
  half_hours AS (${addToHalfHours(fresh)})
  SELECT (SELECT count(*) FROM ${fresh})::int AS inserted`;
/** $1 service-level threshold in seconds, $2 repeat window in hours; answers the rows inserted. */
export const AGGREGATE_ALL_CONTACTS_SQL = markRepeatsAndAggregate('contact_inbox');
export const AGGREGATE_NEW_CONTACTS_SQL = markRepeatsAndAggregate('contact_fresh');

@Injectable()
export class ContactWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly config: ReferenceConfig,
  ) {}

  async write({ batchId, count, linked, rows: inbox }: QueuedContacts): Promise<BatchResult> {
    return runBatch(this.ds, batchId, 'contacts', count, async (m) => {
      await m.query(CREATE_CONTACT_SCRATCH_SQL);
      await copyInto(m, COPY_CONTACT_INBOX_SQL, inbox);
      const allNew = (await insertAllOrOnlyNew(m, INSERT_ALL_CONTACTS_SQL, INSERT_NEW_CONTACTS_SQL)) === null;
      // Batches with case references count one at a time, so each sees the others' contacts: the
      // costly insert above runs in parallel, and a lock holder only waits for aggregate rows, which
      // every batch upserts in one statement in key order (no deadlock).
      if (linked) await m.query(TAKE_LOCK_SQL, [REPEAT_LOCK]);
      const [{ inserted }] = await rows<{ inserted: number }>(m, allNew ? AGGREGATE_ALL_CONTACTS_SQL : AGGREGATE_NEW_CONTACTS_SQL, [
        this.config.metrics.serviceLevelSeconds,
        this.config.metrics.repeatContactWindowDays * 24,
      ]);
      if (inserted > 0) await m.query(NOTIFY_CONTACTS_COUNTED_SQL);
      return { inserted, duplicates: count - inserted };
    });
  }
}
