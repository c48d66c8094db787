import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { copyInto, copyValue, rows } from '../database/sql';
import { localDateOf } from '../periods/london-time';
import type { BatchResult, QueuedConversation } from '../queue/queue-registry';
import { CaseJourney, journeyChanges, StoredJourneyEvent } from '../tiers/journey-deltas';
import type { Tier } from '../tiers/tier-rules';
import { runBatch } from './batch-transaction';

/**
 * Conversation batches re-summarise one at a time: a batch reads the journeys of the cases it
 * touches and corrects the aggregates by the difference, which is exact only if no other batch
 * changes those cases meanwhile. (A 10,000-event batch touches thousands of cases; per-case
 * advisory locks would overflow the lock table, and the aggregate rows of busy days are shared.)
 *
 * The insert runs before the lock, so batches overlap their inserts. That stays exact: after
 * taking the lock, each statement sees every batch committed before (READ COMMITTED) but no
 * uncommitted one, and a batch's "old" journeys are its cases' events minus its own — exactly
 * what the aggregates hold once the batches before it in lock order have committed. A lock
 * holder never waits for an unlocked batch (only holders write journeys and aggregates), so the
 * lock adds no deadlock; events are inserted in key order, so two batches re-sending each other's
 * events wait for one another without deadlocking.
 */
export const CONVERSATION_LOCK = 726_355_004;

/** Per connection, emptied at every commit or rollback: the batch as sent, loaded by COPY. */
const INBOX_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS conversation_inbox (
    source text, source_id text, occurred_at timestamptz, local_date date, case_ref text, conversation smallint,
    completed_by text, outcome text, safeguarding boolean, tier smallint
  ) ON COMMIT DELETE ROWS`;
const INBOX_COLUMNS = 'source, source_id, occurred_at, local_date, case_ref, conversation, completed_by, outcome, safeguarding, tier';

/** New events only (the first version of a (source, id) wins), in key order; returns the cases they belong to. */
const INSERT_SQL = `
  INSERT INTO conversation_event (source, source_id, case_ref, occurred_at, local_date, conversation,
    completed_by, outcome, safeguarding, tier, batch_id)
  SELECT source, source_id, decode(case_ref, 'hex'), occurred_at, local_date, conversation, completed_by, outcome,
    safeguarding, tier, $1
  FROM conversation_inbox ORDER BY source COLLATE "C", source_id COLLATE "C", ctid
  ON CONFLICT (source, source_id) DO NOTHING
  RETURNING encode(case_ref, 'hex') AS case_ref`;

/** Every stored event of the touched cases, in journey order: index look-ups by case, whatever the table's size. */
const EVENTS_SQL = `
  SELECT encode(case_ref, 'hex') AS case_ref, source_id AS id, occurred_at, local_date::text AS local_date, tier,
         batch_id = $2 AS is_new
  FROM conversation_event
  WHERE case_ref = ANY (ARRAY(SELECT decode(ref, 'hex') FROM unnest($1::text[]) AS t(ref)))
  ORDER BY case_ref, occurred_at, source_id COLLATE "C", tier`;

const JOURNEY_SQL = `
  INSERT INTO case_journey (case_ref, first_at, first_date, entry_tier, final_tier, peak_tier, events, transitions)
  SELECT decode(ref, 'hex'), first_at, first_date, entry_tier, final_tier, peak_tier, events, transitions
  FROM unnest($1::text[], $2::timestamptz[], $3::date[], $4::smallint[], $5::smallint[], $6::smallint[], $7::int[], $8::int[])
    AS j(ref, first_at, first_date, entry_tier, final_tier, peak_tier, events, transitions)
  ORDER BY 1
  ON CONFLICT (case_ref) DO UPDATE SET first_at = EXCLUDED.first_at, first_date = EXCLUDED.first_date,
    entry_tier = EXCLUDED.entry_tier, final_tier = EXCLUDED.final_tier, peak_tier = EXCLUDED.peak_tier,
    events = EXCLUDED.events, transitions = EXCLUDED.transitions, updated_at = now()`;

/**
 * Net deltas: existing keys are updated (a count never goes below 0: CHECK), new keys inserted.
 * Only positive deltas can meet a missing key, since a −1 always takes out a journey counted before.
 */
const TIER_DELTA_SQL = `
  WITH d AS (
    SELECT * FROM unnest($1::date[], $2::smallint[], $3::smallint[], $4::smallint[], $5::int[])
      AS d(first_date, entry_tier, final_tier, peak_tier, delta)
  ),
  updated AS (
    UPDATE tier_daily t SET cases = t.cases + d.delta FROM d
    WHERE t.first_date = d.first_date AND t.entry_tier = d.entry_tier AND t.final_tier = d.final_tier
      AND t.peak_tier = d.peak_tier
    RETURNING t.first_date, t.entry_tier, t.final_tier, t.peak_tier
  )
  INSERT INTO tier_daily (first_date, entry_tier, final_tier, peak_tier, cases)
  SELECT d.first_date, d.entry_tier, d.final_tier, d.peak_tier, d.delta FROM d
  WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.first_date = d.first_date AND u.entry_tier = d.entry_tier
                    AND u.final_tier = d.final_tier AND u.peak_tier = d.peak_tier)`;

const TRANSITION_DELTA_SQL = `
  WITH d AS (
    SELECT * FROM unnest($1::date[], $2::smallint[], $3::smallint[], $4::int[]) AS d(first_date, from_tier, to_tier, delta)
  ),
  updated AS (
    UPDATE transition_daily t SET count = t.count + d.delta FROM d
    WHERE t.first_date = d.first_date AND t.from_tier = d.from_tier AND t.to_tier = d.to_tier
    RETURNING t.first_date, t.from_tier, t.to_tier
  )
  INSERT INTO transition_daily (first_date, from_tier, to_tier, count)
  SELECT d.first_date, d.from_tier, d.to_tier, d.delta FROM d
  WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.first_date = d.first_date AND u.from_tier = d.from_tier
                    AND u.to_tier = d.to_tier)`;

interface EventRow { case_ref: string; id: string; occurred_at: Date; local_date: string; tier: number; is_new: boolean }

/**
 * Stores conversation events and, in the same transaction, re-summarises the journey of every
 * case that received a new event and corrects the aggregates by the difference. Re-sent events
 * insert nothing and change nothing.
 */
@Injectable()
export class ConversationWriter {
  constructor(private readonly ds: DataSource) {}

  write(batchId: string, items: QueuedConversation[]): Promise<BatchResult> {
    const inbox = toCopyText(items);
    return runBatch(this.ds, batchId, 'conversations', items.length, async (m) => {
      await m.query(INBOX_SQL);
      await copyInto(m, `COPY conversation_inbox (${INBOX_COLUMNS}) FROM STDIN`, inbox);
      // Inserted in key order, then arrival order (ctid of the fresh inbox), so the first version of
      // a key sent twice wins and batches sharing events lock the same keys in the same order.
      const inserted = await rows<{ case_ref: string }>(m, INSERT_SQL, [batchId]);
      if (inserted.length) {
        await m.query('SELECT pg_advisory_xact_lock($1)', [CONVERSATION_LOCK]);
        await this.resummarise(m, batchId, [...new Set(inserted.map((r) => r.case_ref))].sort());
      }
      return { inserted: inserted.length, duplicates: items.length - inserted.length };
    });
  }

  private async resummarise(m: EntityManager, batchId: string, caseRefs: string[]): Promise<void> {
    const events = await rows<EventRow>(m, EVENTS_SQL, [caseRefs, batchId]);
    const byCase = new Map<string, StoredJourneyEvent[]>();
    for (const e of events) {
      let list = byCase.get(e.case_ref);
      if (!list) byCase.set(e.case_ref, (list = []));
      list.push({ id: e.id, occurredAt: e.occurred_at, tier: e.tier as Tier, localDate: e.local_date, isNew: e.is_new });
    }
    const { journeys, deltas } = journeyChanges(byCase);
    await this.saveJourneys(m, journeys);
    const tiers = deltas.tiers();
    if (tiers.length) {
      await m.query(TIER_DELTA_SQL, [
        tiers.map((d) => d.firstDate), tiers.map((d) => d.entry), tiers.map((d) => d.final), tiers.map((d) => d.peak),
        tiers.map((d) => d.delta),
      ]);
    }
    const transitions = deltas.transitions();
    if (transitions.length) {
      await m.query(TRANSITION_DELTA_SQL, [
        transitions.map((d) => d.firstDate), transitions.map((d) => d.from), transitions.map((d) => d.to),
        transitions.map((d) => d.delta),
      ]);
    }
  }

  private async saveJourneys(m: EntityManager, journeys: Map<string, CaseJourney>): Promise<void> {
    const refs = [...journeys.keys()];
    const list = refs.map((r) => journeys.get(r)!);
    await m.query(JOURNEY_SQL, [
      refs, list.map((j) => j.firstAt), list.map((j) => j.firstDate), list.map((j) => j.entry), list.map((j) => j.final),
      list.map((j) => j.peak), list.map((j) => j.events), list.map((j) => j.transitions.length),
    ]);
  }
}

/** COPY text, columns in INBOX_COLUMNS order; the local date is derived in Node (exact, cheaper than SQL time zones). */
function toCopyText(items: QueuedConversation[]): string {
  return items
    .map((c) =>
      [
        copyValue(c.source), copyValue(c.source_id), c.occurred_at, localDateOf(new Date(c.occurred_at)), c.case_ref,
        c.conversation, c.completed_by, copyValue(c.outcome), c.safeguarding ? 't' : 'f', c.tier,
      ].join('\t'),
    )
    .join('\n') + '\n';
}
