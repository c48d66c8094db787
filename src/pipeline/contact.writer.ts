import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isOutOfHours } from '../centres/opening-hours';
import { ReferenceConfig } from '../config/reference-config';
import { copyInto, copyValue, rows } from '../database/sql';
import { localDateOf } from '../periods/london-time';
import type { BatchResult, QueuedContact } from '../queue/queue-registry';
import { runBatch } from './batch-transaction';
import {
  isRepeatSql, MEASURE_NAMES, measureContacts, REPEAT_LOCK, upsertContactStats, upsertHandoffStats, upsertHandoffTotals,
} from './contact-stats.sql';

/** Columns the worker sends; local date and out-of-hours are derived in Node (exact, and cheaper than SQL time zones). */
const INBOX_COLUMNS = [
  'source', 'source_id', 'occurred_at', 'local_date', 'channel', 'handling', 'centre', 'service', 'category', 'outcome',
  'handed_off_to', 'wait_seconds', 'duration_seconds', 'satisfaction', 'case_ref', 'out_of_hours',
] as const;

/** Per connection, emptied at every commit or rollback; COPY into it is several times cheaper than JSON parameters. */
const INBOX_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS contact_inbox (
    source text, source_id text, occurred_at timestamptz, local_date date, channel text, handling text, centre text,
    service text, category text, outcome text, handed_off_to text, wait_seconds integer, duration_seconds integer,
    satisfaction smallint, case_ref text, out_of_hours boolean
  ) ON COMMIT DELETE ROWS`;

/**
 * One statement: insert the new events (ON CONFLICT DO NOTHING keeps the first version) and add
 * only the rows actually inserted to the aggregates, so a re-sent event never counts twice.
 */
const INSERT_SQL = `
  WITH ins AS (
    INSERT INTO contact_event (${INBOX_COLUMNS.join(', ')})
    SELECT ${INBOX_COLUMNS.join(', ')} FROM contact_inbox
    ON CONFLICT (source, source_id) DO NOTHING
    RETURNING ${INBOX_COLUMNS.join(', ')}, is_repeat
  ),
  measured AS (${measureContacts('ins', '$1')}),
  stats AS (${upsertContactStats('measured', MEASURE_NAMES)}),
  handoffs AS (${upsertHandoffStats('ins')}),
  handoff_totals AS (${upsertHandoffTotals('ins')})
  SELECT (SELECT count(*) FROM ins)::int AS inserted,
         (SELECT json_agg(json_build_object('case_ref', case_ref, 'service', service, 'occurred_at', occurred_at))
            FROM ins WHERE case_ref IS NOT NULL AND service IS NOT NULL) AS linked`;

/**
 * Repeat contacts: the new rows, and stored rows up to the window after a new row, become repeats
 * when the same case made a contact about the same service in the window before them. A repeat
 * never reverts, so marking is monotone and each flip adds 1 to the aggregates exactly once.
 */
const REPEAT_SQL = `
  WITH linked AS (SELECT * FROM json_to_recordset($1::json) AS x(case_ref text, service text, occurred_at timestamptz)),
  candidate AS (
    SELECT DISTINCT e.source, e.source_id FROM linked n
    JOIN contact_event e ON e.case_ref = n.case_ref AND e.service = n.service
     AND e.occurred_at >= n.occurred_at AND e.occurred_at <= n.occurred_at + $2 * interval '1 hour'
    WHERE NOT e.is_repeat
  ),
  flipped AS (
    UPDATE contact_event e SET is_repeat = true FROM candidate c
    WHERE e.source = c.source AND e.source_id = c.source_id AND NOT e.is_repeat AND ${isRepeatSql('e', '$2')}
    RETURNING e.local_date, e.channel, e.handling, e.source, e.centre, e.service
  ),
  measured AS (SELECT local_date, channel, handling, source, centre, service, count(*) AS repeats FROM flipped
               GROUP BY local_date, channel, handling, source, centre, service),
  stats AS (${upsertContactStats('measured', ['repeats'])})
  SELECT count(*)::int AS flipped FROM flipped`;

@Injectable()
export class ContactWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly config: ReferenceConfig,
  ) {}

  async write(batchId: string, items: QueuedContact[]): Promise<BatchResult> {
    const inbox = this.toCopyText(items);
    const linked = items.some((c) => c.case_ref !== undefined && c.service !== undefined);
    return runBatch(this.ds, batchId, 'contacts', items.length, async (m) => {
      // Taken first, so batches with case references never wait on each other while holding aggregate rows.
      if (linked) await m.query('SELECT pg_advisory_xact_lock($1)', [REPEAT_LOCK]);
      await m.query(INBOX_SQL);
      await copyInto(m, `COPY contact_inbox (${INBOX_COLUMNS.join(', ')}) FROM STDIN`, inbox);
      const [{ inserted, linked: newLinked }] = await rows<{ inserted: number; linked: unknown[] | null }>(
        m,
        INSERT_SQL,
        [this.config.metrics.serviceLevelSeconds],
      );
      if (newLinked?.length) await this.markRepeats(m, newLinked);
      return { inserted, duplicates: items.length - inserted };
    });
  }

  private async markRepeats(m: EntityManager, linked: unknown[]): Promise<void> {
    await m.query(REPEAT_SQL, [JSON.stringify(linked), this.config.metrics.repeatContactWindowDays * 24]);
  }

  /** COPY text format: one line per contact, tab-separated, \\N for absent values. */
  private toCopyText(items: QueuedContact[]): string {
    let text = '';
    for (const c of items) {
      const at = new Date(c.occurred_at);
      const derived = {
        local_date: localDateOf(at),
        out_of_hours: isOutOfHours(at, this.config.hoursOf(c.centre), this.config.bankHolidays) ? 't' : 'f',
      };
      const row = { ...c, ...derived } as Record<string, string | number | undefined>;
      text += INBOX_COLUMNS.map((col) => copyValue(row[col])).join('\t') + '\n';
    }
    return text;
  }
}
