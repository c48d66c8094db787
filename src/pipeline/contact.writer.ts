import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isOutOfHours } from '../centres/opening-hours';
import { ReferenceConfig } from '../config/reference-config';
import { rows } from '../database/sql';
import type { BatchResult, QueuedContact } from '../queue/queue-registry';
import { runBatch } from './batch-transaction';
import {
  isRepeatSql, MEASURE_NAMES, measureContacts, REPEAT_LOCK, upsertContactStats, upsertHandoffStats, upsertHandoffTotals,
} from './contact-stats.sql';

const INPUT_COLUMNS = `source text, source_id text, occurred_at timestamptz, channel text, handling text,
  centre text, service text, category text, outcome text, handed_off_to text, wait_seconds integer,
  duration_seconds integer, satisfaction smallint, case_ref text, out_of_hours boolean`;

/**
 * One statement: insert the new events (ON CONFLICT DO NOTHING keeps the first version) and add
 * only the rows actually inserted to the aggregates, so a re-sent event never counts twice.
 */
const INSERT_SQL = `
  WITH input AS (SELECT * FROM json_to_recordset($1::json) AS x(${INPUT_COLUMNS})),
  ins AS (
    INSERT INTO contact_event (source, source_id, occurred_at, local_date, channel, handling, centre, service,
      category, outcome, handed_off_to, wait_seconds, duration_seconds, satisfaction, case_ref, out_of_hours)
    SELECT source, source_id, occurred_at, (occurred_at AT TIME ZONE 'Europe/London')::date, channel, handling,
      centre, service, category, outcome, handed_off_to, wait_seconds, duration_seconds, satisfaction, case_ref,
      out_of_hours
    FROM input
    ON CONFLICT (source, source_id) DO NOTHING
    RETURNING *
  ),
  measured AS (${measureContacts('ins', '$2')}),
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
    const input = JSON.stringify(items.map((c) => ({ ...c, out_of_hours: this.outOfHours(c) })));
    const linked = items.some((c) => c.case_ref !== undefined && c.service !== undefined);
    return runBatch(this.ds, batchId, 'contacts', items.length, async (m) => {
      // Taken first, so batches with case references never wait on each other while holding aggregate rows.
      if (linked) await m.query('SELECT pg_advisory_xact_lock($1)', [REPEAT_LOCK]);
      const [{ inserted, linked: newLinked }] = await rows<{ inserted: number; linked: unknown[] | null }>(
        m,
        INSERT_SQL,
        [input, this.config.metrics.serviceLevelSeconds],
      );
      if (newLinked?.length) await this.markRepeats(m, newLinked);
      return { inserted, duplicates: items.length - inserted };
    });
  }

  private async markRepeats(m: EntityManager, linked: unknown[]): Promise<void> {
    await m.query(REPEAT_SQL, [JSON.stringify(linked), this.config.metrics.repeatContactWindowDays * 24]);
  }

  private outOfHours(c: QueuedContact): boolean {
    return isOutOfHours(new Date(c.occurred_at), this.config.hoursOf(c.centre), this.config.bankHolidays);
  }
}
