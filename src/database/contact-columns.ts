/**
 * The one definition of a contact's stored columns and of the measures the aggregates keep
 * (docs/definitions.md "Contact events"). The queue's column order, the worker's scratch table,
 * COPY and inserts (pipeline/contact.writer.ts), the aggregate upserts (pipeline/contact-stats.sql.ts)
 * and the readers' sums (stats/metric-queries.ts) derive from here. The API's COPY renderer
 * (ingestion/contact-rows.ts) stays written out by hand for speed; contact-rows.spec.ts checks it
 * against this list, and test/integration/contact-columns.int-spec.ts checks the list against the
 * migrated schema.
 */

/** contact_event's columns as sent through the queue, in COPY order, with their Postgres types. */
export const CONTACT_COLUMNS = [
  ['source', 'text'],
  ['source_id', 'text'],
  ['occurred_at', 'timestamptz'],
  ['local_date', 'date'],
  ['channel', 'text'],
  ['handling', 'text'],
  ['centre', 'text'],
  ['service', 'text'],
  ['category', 'text'],
  ['outcome', 'text'],
  ['handed_off_to', 'text'],
  ['wait_seconds', 'integer'],
  ['duration_seconds', 'integer'],
  ['satisfaction', 'smallint'],
  ['case_ref', 'text'],
  ['out_of_hours', 'boolean'],
] as const;

export type ContactColumn = (typeof CONTACT_COLUMNS)[number][0];

export const CONTACT_ROW_COLUMNS: readonly ContactColumn[] = CONTACT_COLUMNS.map(([name]) => name);

/** The key of an aggregate row of contact_stats, beside its grain and bucket. */
export const CONTACT_STATS_KEY = ['channel', 'handling', 'source', 'centre', 'service'] as const;

/**
 * The measures contact_stats keeps per key, each as SQL over contact_event rows. `serviceLevel`
 * is the placeholder of the service-level threshold in seconds (config/metrics.json).
 */
export function contactMeasures(serviceLevel: string) {
  const answered = `outcome IS DISTINCT FROM 'abandoned'`;
  return {
    contacts: 'count(*)',
    timed: 'count(*)',
    out_of_hours: 'count(*) FILTER (WHERE out_of_hours)',
    with_outcome: 'count(outcome)',
    resolved: `count(*) FILTER (WHERE outcome = 'resolved')`,
    abandoned: `count(*) FILTER (WHERE outcome = 'abandoned')`,
    escalated: `count(*) FILTER (WHERE outcome = 'escalated')`,
    handed_off: `count(*) FILTER (WHERE outcome = 'handed_off')`,
    waited: 'count(wait_seconds)',
    answered: `count(wait_seconds) FILTER (WHERE ${answered})`,
    answered_wait_sum: `coalesce(sum(wait_seconds) FILTER (WHERE ${answered}), 0)`,
    within_service_level: `count(*) FILTER (WHERE ${answered} AND wait_seconds <= ${serviceLevel})`,
    handled: `count(duration_seconds) FILTER (WHERE ${answered})`,
    handled_duration_sum: `coalesce(sum(duration_seconds) FILTER (WHERE ${answered}), 0)`,
    satisfaction_responses: 'count(satisfaction)',
    satisfaction_sum: 'coalesce(sum(satisfaction), 0)',
    repeat_eligible: 'count(*) FILTER (WHERE case_ref IS NOT NULL AND service IS NOT NULL)',
    repeats: 'count(*) FILTER (WHERE is_repeat)',
  };
}

export type ContactMeasure = keyof ReturnType<typeof contactMeasures>;

export const CONTACT_MEASURES = Object.keys(contactMeasures('')) as ContactMeasure[];

/** A reader's sum of one measure over the aggregate rows of a group. */
export function sumOf(measure: ContactMeasure): string {
  return `sum(${measure})`;
}
