/**
 * The writers' aggregate SQL: contacts measured per day and key, added to contact_stats and the
 * hand-off aggregates at every grain. The incremental writers and the full re-aggregation use the
 * same builders, so they cannot drift apart. Rendered in sql/pipeline/.
 */
import { CONTACT_STATS_KEY, contactMeasures } from '../database/contact-columns';

const KEY = [...CONTACT_STATS_KEY];
const HANDOFF_KEY = ['centre', 'handed_off_to', 'channel', 'handling', 'source', 'service'];
const HANDOFF_TOTAL_KEY = ['centre', 'handed_off_to'];

/**
 * Time grains of the aggregates (local dates). A row of grain g holds the contacts of one
 * bucket, named by its first day: 'd' a day; 'f' a four-day block of a month (days 1–4, 5–8, …,
 * 29–end); 'h' a half month (days 1–16, 17–end); 'm' a month; 'q' a calendar quarter, which is
 * also a financial quarter. A period is read as the fewest buckets that tile it (see
 * stats/buckets.ts), so a year costs 4 rows per key and a month edge a handful.
 */
export const GRAIN_BUCKETS: ReadonlyArray<readonly [string, (day: string) => string]> = [
  ['f', (day) => `(date_trunc('month', ${day}::timestamp)::date + (extract(day FROM ${day})::int - 1) / 4 * 4)`],
  ['h', (day) => `(date_trunc('month', ${day}::timestamp)::date + (extract(day FROM ${day})::int - 1) / 16 * 16)`],
  ['m', (day) => `date_trunc('month', ${day}::timestamp)::date`],
  ['q', (day) => `date_trunc('quarter', ${day}::timestamp)::date`],
];

/** The relation's rows at every grain: as they are for 'd', summed into coarser buckets for the rest. */
function atEveryGrain(relation: string, keys: readonly string[], cols: readonly string[]): string {
  const k = keys.join(', ');
  const plain = cols.join(', ');
  const sums = cols.map((c) => `sum(${c})`).join(', ');
  return [
    `SELECT 'd'::"char", local_date, ${k}, ${plain} FROM ${relation}`,
    ...GRAIN_BUCKETS.map(
      ([grain, bucket]) => `SELECT '${grain}'::"char", ${bucket('local_date')}, ${k}, ${sums} FROM ${relation} GROUP BY 2, ${k}`,
    ),
  ].join('\n      UNION ALL\n      ');
}

/**
 * Adds measured rows (a relation with local_date, the key columns and the given measure
 * columns, at most one row per day and key) to contact_stats at every grain. Rows are written
 * in key order so concurrent batches lock aggregate rows in the same order.
 */
export function addToContactStats(relation: string, measures: readonly string[]): string {
  return `
    INSERT INTO contact_stats (grain, bucket, ${KEY.join(', ')}, ${measures.join(', ')})
    SELECT * FROM (
      ${atEveryGrain(relation, KEY, measures)}
    ) AS s ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT contact_stats_key DO UPDATE SET
      ${measures.map((m) => `${m} = contact_stats.${m} + EXCLUDED.${m}`).join(',\n      ')}`;
}

/**
 * Adds a relation of contact_event rows to contact_half_hour (contacts per half-hour, channel and
 * centre: the forecast's intraday profile; UTC half-hours binned from a whole hour), in key order
 * like the other aggregates.
 */
export function addToHalfHours(relation: string): string {
  return `
    INSERT INTO contact_half_hour (channel, local_date, half_hour, centre, contacts)
    SELECT channel, local_date, date_bin('30 minutes', occurred_at, timestamptz '2000-01-01 00:00Z'), centre, count(*) FROM ${relation}
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT contact_half_hour_key DO UPDATE SET contacts = contact_half_hour.contacts + EXCLUDED.contacts`;
}

/** Adds the hand-offs among a relation of contact_event rows to handoff_stats at every grain. */
export function addToHandoffStats(relation: string): string {
  return addHandoffs(relation, 'handoff_stats', HANDOFF_KEY);
}

/** Hand-offs by sending and receiving centre only: what an unfiltered (or centre-filtered) read needs. */
export function addToHandoffTotals(relation: string): string {
  return addHandoffs(relation, 'handoff_totals', HANDOFF_TOTAL_KEY);
}

function addHandoffs(relation: string, table: string, key: string[]): string {
  const keys = key.join(', ');
  // The daily counts once, as a CTE every grain reads (inlined, the relation was scanned per grain).
  return `
    WITH daily AS (
      SELECT local_date, ${keys}, count(*) AS count FROM ${relation}
      WHERE outcome = 'handed_off' AND handed_off_to IS NOT NULL GROUP BY local_date, ${keys}
    )
    INSERT INTO ${table} (grain, bucket, ${keys}, count)
    SELECT * FROM (
      ${atEveryGrain('daily', key, ['count'])}
    ) AS s ORDER BY ${Array.from({ length: key.length + 2 }, (_, i) => i + 1).join(', ')}
    ON CONFLICT ON CONSTRAINT ${table}_key DO UPDATE SET count = ${table}.count + EXCLUDED.count`;
}

/**
 * SELECT measuring a relation of contact_event rows per day and key (database/contact-columns.ts);
 * `serviceLevelParam` is the placeholder of the service-level threshold in seconds.
 */
export function measureContactsByDay(relation: string, serviceLevelParam: string): string {
  const measures = Object.entries(contactMeasures(serviceLevelParam)).map(([name, expr]) => `${expr} AS ${name}`);
  return `SELECT local_date, ${KEY.join(', ')},
      ${measures.join(',\n      ')}
    FROM ${relation} GROUP BY local_date, ${KEY.join(', ')}`;
}

/**
 * True when contact `e` is a repeat (docs/definitions.md "repeat contact rate"): the same pseudonymised
 * case made a contact about the same service, through any channel and from any source, at most
 * the window before it and strictly earlier (0 < e's time − the earlier one's ≤ window).
 * `windowHoursParam` is the window in hours: whole hours are absolute time, unaffected by
 * clock changes, so 7 days is always 168 h.
 */
export function isRepeatCondition(e: string, windowHoursParam: string): string {
  return `EXISTS (SELECT 1 FROM contact_event p WHERE p.case_ref = ${e}.case_ref AND p.service = ${e}.service
    AND p.occurred_at < ${e}.occurred_at AND p.occurred_at >= ${e}.occurred_at - ${windowHoursParam} * interval '1 hour')`;
}

/** Takes a writer's advisory lock ($1) until the transaction ends. */
export const TAKE_LOCK_SQL = 'SELECT pg_advisory_xact_lock($1)';

/** Advisory locks of the writers: repeat marking, and volume read-then-replace. */
export const REPEAT_LOCK = 726_355_002;
export const VOLUME_LOCK = 726_355_003;
