/**
 * Every statement the service runs, by name, rendered to sql/<name>.sql by `npm run sql:render`
 * and compared by sql-catalogue.spec.ts, so a change to a builder shows up as an SQL diff in
 * review. A new statement: export it where it is used and add it to SQL_CATALOGUE below.
 * Not catalogued: the migrations (migrations/, SQL already) and ensureDatabase's CREATE DATABASE
 * (its name comes from DATABASE_URL).
 */
import { CREATE_BASELINE_SQL, FIND_BASELINE_SQL, LIST_BASELINES_SQL } from '../baselines/baselines.repository';
import { DAILY_CONTACTS_SQL, HALF_HOUR_COUNTS_SQL, historySumsSql } from '../forecast/forecast.repository';
import { PING_SQL } from '../health/health.controller';
import {
  CREATE_IMPORT_SQL, FIND_IMPORT_SQL, IMPORT_PROGRESS_SQL, SETTLE_IMPORT_SQL, TOUCH_IMPORT_SQL,
} from '../imports/imports.repository';
import { todaySelect } from '../live/live-today';
import { LISTEN_CONTACTS_COUNTED_SQL } from '../live/live.service';
import { INDICATOR_VALUES_SQL, PUT_INDICATOR_VALUE_SQL } from '../indicators/indicators.repository';
import { COMPLETED_BATCH_COUNT_SQL, COMPLETED_BATCH_SQL } from '../ingestion/batch-status.repository';
import { intervalsOf, parsePeriod } from '../periods/period';
import {
  ADD_KEY_SQL, KEY_IN_USE_SQL, KNOWN_KEY_SQL, LOCK_KEYS_SQL, RECORD_FIRST_KEY_SQL, RETIRE_KEY_IN_USE_SQL,
} from '../privacy/pseudonym-key';
import { CLAIM_BATCH_SQL, COMPLETE_BATCH_SQL, DONE_BATCH_SQL, INSERT_ALL_SAVEPOINT_SQL } from '../pipeline/batch-transaction';
import { NOTIFY_CONTACTS_COUNTED_SQL } from '../pipeline/counted-signal';
import {
  AGGREGATE_ALL_CONTACTS_SQL, AGGREGATE_NEW_CONTACTS_SQL, COPY_CONTACT_INBOX_SQL, CREATE_CONTACT_SCRATCH_SQL,
  INSERT_ALL_CONTACTS_SQL, INSERT_NEW_CONTACTS_SQL,
} from '../pipeline/contact.writer';
import { TAKE_LOCK_SQL } from '../pipeline/contact-stats.sql';
import {
  COPY_CONVERSATION_INBOX_SQL, CREATE_CONVERSATION_SCRATCH_SQL, INSERT_ALL_CONVERSATIONS_SQL, INSERT_NEW_CONVERSATIONS_SQL,
  RESUMMARISE_CASES_SQL,
} from '../pipeline/conversation.writer';
import {
  AGGREGATE_EVENTS_SQL, AGGREGATE_HANDOFF_STATS_SQL, ANALYZE_AGGREGATES_SQL, AGGREGATE_HANDOFF_TOTALS_SQL, AGGREGATE_HALF_HOURS_SQL, AGGREGATE_VOLUMES_SQL,
  BLOCK_CONTACT_WRITES_SQL, COUNT_REAGGREGATED_SQL, EMPTY_AGGREGATES_SQL, REAGGREGATE_WORK_MEM_SQL, RECOMPUTE_REPEATS_SQL,
  TAKE_WRITER_LOCKS_SQL,
} from '../pipeline/reaggregate';
import {
  COUNT_DEAD_LETTERS_SQL, DEAD_LETTER_REASON_SQL, FIND_DEAD_LETTER_SQL, KEEP_DEAD_LETTER_SQL, LIST_DEAD_LETTERS_SQL, REMOVE_DEAD_LETTER_SQL,
} from '../pipeline/dead-letter.store';
import { REPLACE_VOLUMES_SQL } from '../pipeline/volume.writer';
import { aggregateSelect } from '../stats/aggregate-query';
import { METRIC_QUERIES } from '../stats/metric-queries';
import type { Filters } from '../stats/stats-filter';
import { TIER_KEYS_SQL, TIER_TRANSITIONS_SQL } from '../tiers/tier-stats.repository';
import { PUT_WEB_YEAR_SQL, WEB_YEARS_SQL } from '../web-analytics/web-analytics';
import { RELEASE_MIGRATION_LOCK_SQL, TAKE_MIGRATION_LOCK_SQL } from './migrator';
import { PRIMARY_WAL_SQL, REPLICA_REPLAY_SQL } from './read-database';

export interface CataloguedStatement {
  /** Path under sql/, without .sql. */
  name: string;
  sql: string;
  /** `$n name type` for each parameter, in order. */
  params?: readonly string[];
}

const BATCH_ID = 'batch_id uuid';
const SERVICE_LEVEL = 'service_level_seconds integer';
const REPEAT_WINDOW = 'repeat_window_hours integer';
const FINGERPRINT = 'fingerprint text';

/** Readers whose SQL varies with the period and filters: a representative set of variants, named. */
const STATS_VARIANTS: ReadonlyArray<{ variant: string; period: Parameters<typeof parsePeriod>[0]; filters: Filters }> = [
  { variant: 'financial-year', period: { period: 'FY2021-22' }, filters: {} },
  { variant: 'range-by-centre', period: { from: '2021-11-17', to: '2022-02-03' }, filters: { centre: 'customer_services' } },
  { variant: 'month-by-channel-and-source', period: { period: '2021-12' }, filters: { channel: 'telephony', source: 'civica' } },
];

function statsStatements(): CataloguedStatement[] {
  return METRIC_QUERIES.flatMap((query) =>
    STATS_VARIANTS.map(({ variant, period, filters }) => {
      const range = parsePeriod(period);
      const { sql, paramNames } = aggregateSelect(query, range, filters, query.series ? intervalsOf(range, 'month') : undefined);
      return { name: `stats/${query.name}.${variant}`, sql, params: paramNames };
    }),
  );
}

const SELECTION = ['channel text', 'centre text (null: all)', 'service text (null: all)'];

function forecastStatements(): CataloguedStatement[] {
  const sums = historySumsSql({ from: '2024-12-30', to: '2026-01-04' }, { channel: 'telephony', centre: 'customer_services' });
  return [
    { name: 'forecast/daily-contacts', sql: DAILY_CONTACTS_SQL, params: ['days date[]', ...SELECTION] },
    { name: 'forecast/half-hour-counts', sql: HALF_HOUR_COUNTS_SQL, params: ['from date', 'to date', SELECTION[0], SELECTION[1], 'skip_days date[]'] },
    { name: 'forecast/history-sums.year-by-centre', sql: sums.sql, params: sums.paramNames },
  ];
}

export const SQL_CATALOGUE: readonly CataloguedStatement[] = [
  { name: 'pipeline/claim-batch', sql: CLAIM_BATCH_SQL, params: [BATCH_ID, 'kind text', 'accepted integer'] },
  { name: 'pipeline/done-batch', sql: DONE_BATCH_SQL, params: [BATCH_ID] },
  { name: 'pipeline/complete-batch', sql: COMPLETE_BATCH_SQL, params: [BATCH_ID, 'inserted integer', 'duplicates integer', 'slot integer'] },
  { name: 'pipeline/take-lock', sql: TAKE_LOCK_SQL, params: ['lock bigint'] },
  { name: 'pipeline/insert-all-savepoint/set', sql: INSERT_ALL_SAVEPOINT_SQL.set },
  { name: 'pipeline/insert-all-savepoint/release', sql: INSERT_ALL_SAVEPOINT_SQL.release },
  { name: 'pipeline/insert-all-savepoint/roll-back', sql: INSERT_ALL_SAVEPOINT_SQL.rollBack },
  { name: 'pipeline/contacts/create-scratch', sql: CREATE_CONTACT_SCRATCH_SQL },
  { name: 'pipeline/contacts/copy-inbox', sql: COPY_CONTACT_INBOX_SQL },
  { name: 'pipeline/contacts/insert-all', sql: INSERT_ALL_CONTACTS_SQL },
  { name: 'pipeline/contacts/insert-new', sql: INSERT_NEW_CONTACTS_SQL },
  { name: 'pipeline/contacts/aggregate-all', sql: AGGREGATE_ALL_CONTACTS_SQL, params: [SERVICE_LEVEL, REPEAT_WINDOW] },
  { name: 'pipeline/contacts/aggregate-new', sql: AGGREGATE_NEW_CONTACTS_SQL, params: [SERVICE_LEVEL, REPEAT_WINDOW] },
  { name: 'pipeline/volumes/replace', sql: REPLACE_VOLUMES_SQL, params: ['volumes json'] },
  { name: 'pipeline/notify-contacts-counted', sql: NOTIFY_CONTACTS_COUNTED_SQL },
  { name: 'live/listen-contacts-counted', sql: LISTEN_CONTACTS_COUNTED_SQL },
  { name: 'live/today-channel-counts', sql: todaySelect('2021-12-01').sql, params: todaySelect('2021-12-01').paramNames },
  { name: 'pipeline/conversations/create-scratch', sql: CREATE_CONVERSATION_SCRATCH_SQL },
  { name: 'pipeline/conversations/copy-inbox', sql: COPY_CONVERSATION_INBOX_SQL },
  { name: 'pipeline/conversations/insert-all', sql: INSERT_ALL_CONVERSATIONS_SQL, params: [BATCH_ID] },
  { name: 'pipeline/conversations/insert-new', sql: INSERT_NEW_CONVERSATIONS_SQL, params: [BATCH_ID] },
  { name: 'pipeline/conversations/resummarise-cases', sql: RESUMMARISE_CASES_SQL, params: [BATCH_ID] },
  { name: 'reaggregate/block-contact-writes', sql: BLOCK_CONTACT_WRITES_SQL },
  { name: 'reaggregate/take-writer-locks', sql: TAKE_WRITER_LOCKS_SQL, params: ['repeat_lock bigint', 'volume_lock bigint'] },
  { name: 'reaggregate/work-mem', sql: REAGGREGATE_WORK_MEM_SQL },
  { name: 'reaggregate/recompute-repeats', sql: RECOMPUTE_REPEATS_SQL, params: [REPEAT_WINDOW] },
  ...EMPTY_AGGREGATES_SQL.map((sql) => ({ name: `reaggregate/empty-${sql.split(' ').pop()!.replace(/_/g, '-')}`, sql })),
  { name: 'reaggregate/aggregate-events', sql: AGGREGATE_EVENTS_SQL, params: [SERVICE_LEVEL] },
  { name: 'reaggregate/aggregate-volumes', sql: AGGREGATE_VOLUMES_SQL },
  { name: 'reaggregate/aggregate-handoff-stats', sql: AGGREGATE_HANDOFF_STATS_SQL },
  { name: 'reaggregate/aggregate-handoff-totals', sql: AGGREGATE_HANDOFF_TOTALS_SQL },
  { name: 'reaggregate/aggregate-half-hours', sql: AGGREGATE_HALF_HOURS_SQL },
  { name: 'reaggregate/count-rows', sql: COUNT_REAGGREGATED_SQL },
  { name: 'reaggregate/analyze-aggregates', sql: ANALYZE_AGGREGATES_SQL },
  ...statsStatements(),
  { name: 'tiers/tier-keys', sql: TIER_KEYS_SQL, params: ['from date', 'to date'] },
  { name: 'tiers/transitions', sql: TIER_TRANSITIONS_SQL, params: ['from date', 'to date'] },
  {
    name: 'baselines/create',
    sql: CREATE_BASELINE_SQL,
    params: ['name text', 'description text', 'period_from date', 'period_to date', 'snapshot jsonb', 'created_at timestamptz'],
  },
  { name: 'baselines/find', sql: FIND_BASELINE_SQL, params: ['name text'] },
  { name: 'baselines/list', sql: LIST_BASELINES_SQL },
  {
    name: 'indicators/put-value',
    sql: PUT_INDICATOR_VALUE_SQL,
    params: ['indicator text', 'period text', 'period_from date', 'period_to date', 'value float8', 'performance text',
      'current_activity text', 'future_activity text'],
  },
  { name: 'indicators/values', sql: INDICATOR_VALUES_SQL, params: ['periods text[]'] },
  { name: 'web-analytics/put-year', sql: PUT_WEB_YEAR_SQL, params: ['year integer', 'users bigint', 'sessions bigint', 'page_views bigint'] },
  { name: 'web-analytics/years', sql: WEB_YEARS_SQL },
  { name: 'ingestion/completed-batch', sql: COMPLETED_BATCH_SQL, params: [BATCH_ID] },
  { name: 'ingestion/completed-batch-count', sql: COMPLETED_BATCH_COUNT_SQL },
  { name: 'health/ping', sql: PING_SQL },
  { name: 'database/primary-wal', sql: PRIMARY_WAL_SQL },
  { name: 'database/replica-replay', sql: REPLICA_REPLAY_SQL },
  ...forecastStatements(),
  { name: 'migrations/take-lock', sql: TAKE_MIGRATION_LOCK_SQL, params: ['lock bigint'] },
  { name: 'migrations/release-lock', sql: RELEASE_MIGRATION_LOCK_SQL, params: ['lock bigint'] },
  {
    name: 'ingestion/dead-letters/keep',
    sql: KEEP_DEAD_LETTER_SQL,
    params: [BATCH_ID, 'kind text', 'items integer', 'payload text', 'reason text', 'attempts integer', 'failed_at timestamptz'],
  },
  { name: 'ingestion/dead-letters/list', sql: LIST_DEAD_LETTERS_SQL, params: ['limit integer'] },
  { name: 'ingestion/dead-letters/find', sql: FIND_DEAD_LETTER_SQL, params: [BATCH_ID] },
  { name: 'ingestion/dead-letters/reason', sql: DEAD_LETTER_REASON_SQL, params: [BATCH_ID] },
  { name: 'ingestion/dead-letters/remove', sql: REMOVE_DEAD_LETTER_SQL, params: [BATCH_ID, 'last_failed_at timestamptz'] },
  { name: 'ingestion/dead-letters/count', sql: COUNT_DEAD_LETTERS_SQL },
  { name: 'privacy/record-first-key', sql: RECORD_FIRST_KEY_SQL, params: [FINGERPRINT] },
  { name: 'privacy/key-in-use', sql: KEY_IN_USE_SQL },
  { name: 'privacy/lock-keys', sql: LOCK_KEYS_SQL },
  { name: 'privacy/known-key', sql: KNOWN_KEY_SQL, params: [FINGERPRINT] },
  { name: 'privacy/retire-key-in-use', sql: RETIRE_KEY_IN_USE_SQL },
  { name: 'privacy/add-key', sql: ADD_KEY_SQL, params: [FINGERPRINT] },
  { name: 'imports/create', sql: CREATE_IMPORT_SQL, params: ['import_id uuid', 'kind text', 'format text'] },
  {
    name: 'imports/progress',
    sql: IMPORT_PROGRESS_SQL,
    params: ['import_id uuid', 'read_rows integer', 'accepted integer', 'rejected integer', 'skipped integer', 'rejects jsonb', 'new_batch_ids uuid[]', 'uploaded boolean'],
  },
  { name: 'imports/touch', sql: TOUCH_IMPORT_SQL, params: ['import_id uuid'] },
  { name: 'imports/settle', sql: SETTLE_IMPORT_SQL, params: ['import_id uuid', 'state text', 'counted integer', 'duplicates integer', 'error text'] },
  { name: 'imports/find', sql: FIND_IMPORT_SQL, params: ['import_id uuid'] },
];

/** The checked-in text of a statement: a header naming it and its parameters, then the SQL as run, de-indented. */
export function renderStatement(s: CataloguedStatement): string {
  const header = [
    `-- ${s.name}: generated by \`npm run sql:render\` from src/database/sql-catalogue.ts; do not edit.`,
    ...(s.params ?? []).map((p, i) => `-- $${i + 1} ${p}`),
  ];
  return `${header.join('\n')}\n${dedent(s.sql)};\n`;
}

function dedent(sql: string): string {
  const lines = sql.split('\n').map((l) => l.trimEnd());
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  const indents = lines.slice(1).filter((l) => l).map((l) => l.length - l.trimStart().length);
  const cut = Math.min(...indents, lines[0].length - lines[0].trimStart().length);
  return lines.map((l, i) => (i === 0 ? l.trimStart() : l.slice(Math.min(cut, l.length - l.trimStart().length)))).join('\n');
}
