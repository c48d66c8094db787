import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { copyInto } from '../database/sql';
import { BatchResult, CONVERSATION_ROW_COLUMNS, QueuedConversations } from '../queue/queue-registry';
import { insertAllOrOnlyNew, runBatch } from './batch-transaction';
import { TAKE_LOCK_SQL } from './contact-stats.sql';

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

/**
 * Per connection, emptied at every commit or rollback: the batch as sent (loaded by COPY), and the
 * cases that received a new event.
 */
export const CREATE_CONVERSATION_SCRATCH_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS conversation_inbox (
    source text, source_id text, occurred_at timestamptz, local_date date, case_ref text, conversation smallint,
    completed_by text, outcome text, safeguarding boolean, tier smallint
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS conversation_touched (case_ref bytea) ON COMMIT DELETE ROWS`;

export const COPY_CONVERSATION_INBOX_SQL = `COPY conversation_inbox (${CONVERSATION_ROW_COLUMNS.join(', ')}) FROM STDIN`;

const EVENT_COLUMNS = `source, source_id, case_ref, occurred_at, local_date, conversation, completed_by, outcome, safeguarding,
  tier, batch_id`;
const INBOX_AS_EVENTS = `source, source_id, decode(case_ref, 'hex'), occurred_at, local_date, conversation, completed_by, outcome,
  safeguarding, tier, $1::uuid`;
/** Key order, then arrival order (ctid of the fresh inbox): batches sharing events lock them in one order. */
const KEY_ORDER = 'ORDER BY source COLLATE "C", source_id COLLATE "C", ctid';

/** A batch none of whose keys is stored: every event, and every case, is new. $1: the batch id. */
export const INSERT_ALL_CONVERSATIONS_SQL = `
  WITH ins AS (INSERT INTO conversation_event (${EVENT_COLUMNS}) SELECT ${INBOX_AS_EVENTS} FROM conversation_inbox ${KEY_ORDER})
  INSERT INTO conversation_touched SELECT DISTINCT decode(case_ref, 'hex') FROM conversation_inbox`;

/** Otherwise new events only (the first version of a (source, id) wins); notes the cases they belong to. */
export const INSERT_NEW_CONVERSATIONS_SQL = `
  WITH ins AS (
    INSERT INTO conversation_event (${EVENT_COLUMNS}) SELECT ${INBOX_AS_EVENTS} FROM conversation_inbox ${KEY_ORDER}
    ON CONFLICT (source, source_id) DO NOTHING
    RETURNING case_ref
  ),
  touched AS (INSERT INTO conversation_touched SELECT DISTINCT case_ref FROM ins)
  SELECT count(*)::int AS inserted FROM ins`;

/** A case's events in journey order (journey.ts): time, then id by code point (COLLATE "C"), then tier. */
const JOURNEY_ORDER = `PARTITION BY case_ref ORDER BY occurred_at, source_id COLLATE "C", tier`;

/** Journeys (entry, final, peak, first date, transitions) of a relation of numbered events. */
const summarise = (events: string) => `
  SELECT case_ref, min(occurred_at) AS first_at, max(local_date) FILTER (WHERE rn = 1) AS first_date,
         max(tier) FILTER (WHERE rn = 1) AS entry_tier, max(tier) FILTER (WHERE rn = n) AS final_tier,
         max(tier) AS peak_tier, count(*)::int AS events, count(*) FILTER (WHERE prev <> tier)::int AS transitions
  FROM ${events} GROUP BY case_ref`;

/** Events of a relation numbered in journey order per case, with their count and each one's previous tier. */
const numbered = (events: string) => `
  SELECT case_ref, occurred_at, tier, local_date, row_number() OVER w AS rn, count(*) OVER (PARTITION BY case_ref) AS n,
         lag(tier) OVER w AS prev
  FROM ${events} WINDOW w AS (${JOURNEY_ORDER})`;

/**
 * Two CTEs, `updated` and `inserted`, adding the relation `deltas` (key columns and `delta`) to
 * `table`'s `column`: existing keys updated, the others inserted.
 */
function addDeltas(
  deltas: string,
  into: { table: string; key: string[]; column: string },
  ctes: { updated: string; inserted: string },
): string {
  const { table, key, column } = into;
  const matches = (a: string, b: string) => key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  return `
  ${ctes.updated} AS (
    UPDATE ${table} t SET ${column} = t.${column} + d.delta FROM ${deltas} d
    WHERE ${matches('t', 'd')}
    RETURNING ${key.map((k) => `t.${k}`).join(', ')}
  ),
  ${ctes.inserted} AS (
    INSERT INTO ${table} (${key.join(', ')}, ${column})
    SELECT ${key.map((k) => `d.${k}`).join(', ')}, d.delta FROM ${deltas} d
    WHERE NOT EXISTS (SELECT 1 FROM ${ctes.updated} u WHERE ${matches('u', 'd')})
  )`;
}

/**
 * Re-summarises every touched case in one statement, set-based: its journey before this batch
 * (its events minus the batch's) and after (all its events), the case_journey upsert, and the
 * aggregates corrected by the difference (existing keys updated, new keys inserted: only a positive
 * delta can meet a missing key, since a −1 always takes out a journey counted before; the CHECKs
 * catch a bug). Every CTE reads the snapshot taken at the statement's start. $1: the batch id.
 */
export const RESUMMARISE_CASES_SQL = `
  WITH events AS (
    -- Index range scans by case, whatever the table's size.
    SELECT case_ref, occurred_at, source_id, tier, local_date, batch_id = $1 AS is_new FROM conversation_event
    WHERE case_ref = ANY (ARRAY(SELECT case_ref FROM conversation_touched))
  ),
  after_events AS (${numbered('events')}),
  before_events AS (${numbered('events WHERE NOT is_new')}),
  after_journeys AS (${summarise('after_events')}),
  before_journeys AS (${summarise('before_events')}),
  journeys AS (
    INSERT INTO case_journey (case_ref, first_at, first_date, entry_tier, final_tier, peak_tier, events, transitions)
    SELECT case_ref, first_at, first_date, entry_tier, final_tier, peak_tier, events, transitions
    FROM after_journeys ORDER BY case_ref
    ON CONFLICT (case_ref) DO UPDATE SET first_at = EXCLUDED.first_at, first_date = EXCLUDED.first_date,
      entry_tier = EXCLUDED.entry_tier, final_tier = EXCLUDED.final_tier, peak_tier = EXCLUDED.peak_tier,
      events = EXCLUDED.events, transitions = EXCLUDED.transitions, updated_at = now()
    RETURNING 1
  ),
  tier_delta AS (
    SELECT first_date, entry_tier, final_tier, peak_tier, sum(delta)::int AS delta FROM (
      SELECT first_date, entry_tier, final_tier, peak_tier, 1 AS delta FROM after_journeys
      UNION ALL
      SELECT first_date, entry_tier, final_tier, peak_tier, -1 FROM before_journeys
    ) AS d GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0
  ),
  ${addDeltas(
    'tier_delta',
    { table: 'tier_daily', key: ['first_date', 'entry_tier', 'final_tier', 'peak_tier'], column: 'cases' },
    { updated: 'tier_updated', inserted: 'tier_inserted' },
  )},
  transition_delta AS (
    SELECT first_date, from_tier, to_tier, sum(delta)::int AS delta FROM (
      SELECT j.first_date, e.prev AS from_tier, e.tier AS to_tier, 1 AS delta
      FROM after_events e JOIN after_journeys j USING (case_ref) WHERE e.prev <> e.tier
      UNION ALL
      SELECT j.first_date, e.prev, e.tier, -1
      FROM before_events e JOIN before_journeys j USING (case_ref) WHERE e.prev <> e.tier
    ) AS d GROUP BY 1, 2, 3 HAVING sum(delta) <> 0
  ),
  ${addDeltas(
    'transition_delta',
    { table: 'transition_daily', key: ['first_date', 'from_tier', 'to_tier'], column: 'count' },
    { updated: 'transition_updated', inserted: 'transition_inserted' },
  )}
  SELECT (SELECT count(*) FROM journeys)::int AS journeys`;

/**
 * Stores conversation events and, in the same transaction, re-summarises the journey of every
 * case that received a new event and corrects the aggregates by the difference. Re-sent events
 * insert nothing and change nothing.
 */
@Injectable()
export class ConversationWriter {
  constructor(private readonly ds: DataSource) {}

  write({ batchId, count, rows: inbox }: QueuedConversations): Promise<BatchResult> {
    return runBatch(this.ds, batchId, 'conversations', count, async (m) => {
      await m.query(CREATE_CONVERSATION_SCRATCH_SQL);
      await copyInto(m, COPY_CONVERSATION_INBOX_SQL, inbox);
      const onlyNew = await insertAllOrOnlyNew<{ inserted: number }>(
        m, INSERT_ALL_CONVERSATIONS_SQL, INSERT_NEW_CONVERSATIONS_SQL, [batchId],
      );
      const inserted = onlyNew ? onlyNew[0].inserted : count;
      if (inserted) {
        await m.query(TAKE_LOCK_SQL, [CONVERSATION_LOCK]);
        await m.query(RESUMMARISE_CASES_SQL, [batchId]);
      }
      return { inserted, duplicates: count - inserted };
    });
  }
}
