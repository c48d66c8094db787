import { sumOf } from '../database/contact-columns';
import type { AggregateQuery } from './aggregate-query';

/**
 * What each statistic reads from the aggregates: its grouping columns and its measures. Every
 * definition is in docs/definitions.md; the rendered SQL is in sql/stats/.
 */

const SELF_SERVICE_CONTACTS = `coalesce(${sumOf('contacts')} FILTER (WHERE handling = 'self_service'), 0)`;

/** Contacts by channel and handling (channel mix, costs, baselines). */
export const CHANNEL_COUNTS = {
  name: 'channel-counts',
  table: 'contact_stats',
  keys: { channel: 'channel', handling: 'handling' },
  measures: { count: sumOf('contacts') },
  having: `${sumOf('contacts')} > 0`,
} satisfies AggregateQuery<'channel' | 'handling', 'count'>;

/** Contacts by channel, handling and sending system (channels with by=source). */
export const CHANNEL_SOURCE_COUNTS = {
  ...CHANNEL_COUNTS,
  name: 'channel-source-counts',
  keys: { channel: 'channel', handling: 'handling', source: 'source' },
} satisfies AggregateQuery<'channel' | 'handling' | 'source', 'count'>;

/** Contacts and self-service contacts per series interval (channel shift). */
export const SHIFT_COUNTS = {
  name: 'channel-shift-counts',
  table: 'contact_stats',
  keys: {},
  measures: { total: sumOf('contacts'), selfService: SELF_SERVICE_CONTACTS },
  series: true,
} satisfies AggregateQuery<never, 'total' | 'selfService'>;

/** Chatbot contacts, those escalated, and webchat contacts per series interval. */
export const CHATBOT_COUNTS = {
  name: 'chatbot-counts',
  table: 'contact_stats',
  keys: {},
  measures: {
    chatbot: `${sumOf('contacts')} FILTER (WHERE channel = 'chatbot')`,
    escalated: `${sumOf('escalated')} FILTER (WHERE channel = 'chatbot')`,
    webchat: `${sumOf('contacts')} FILTER (WHERE channel = 'webchat')`,
  },
  only: `channel IN ('chatbot', 'webchat')`,
  series: true,
} satisfies AggregateQuery<never, 'chatbot' | 'escalated' | 'webchat'>;

/** The summed counts contact-centre metrics derive from, per centre (null: contacts without one). */
export const CENTRE_SUMS = {
  name: 'centre-sums',
  table: 'contact_stats',
  keys: { centre: 'centre' },
  measures: {
    contacts: sumOf('contacts'),
    selfService: SELF_SERVICE_CONTACTS,
    timed: sumOf('timed'),
    outOfHours: sumOf('out_of_hours'),
    withOutcome: sumOf('with_outcome'),
    resolved: sumOf('resolved'),
    abandoned: sumOf('abandoned'),
    waited: sumOf('waited'),
    answered: sumOf('answered'),
    answeredWaitSum: sumOf('answered_wait_sum'),
    withinServiceLevel: sumOf('within_service_level'),
    handled: sumOf('handled'),
    handledDurationSum: sumOf('handled_duration_sum'),
    satisfactionResponses: sumOf('satisfaction_responses'),
    satisfactionSum: sumOf('satisfaction_sum'),
  },
  having: `${sumOf('contacts')} > 0`,
} satisfies AggregateQuery<'centre', string>;

/**
 * Hand-offs from one centre to another: from handoff_totals (keyed by the two centres only)
 * unless a filter needs channel, source or service, which only handoff_stats holds.
 */
export const HANDOFF_COUNTS = {
  name: 'handoff-counts',
  table: (filters) => (Object.keys(filters).every((f) => f === 'centre') ? 'handoff_totals' : 'handoff_stats'),
  keys: { from: 'centre', to: 'handed_off_to' },
  measures: { count: 'sum(count)' },
  having: 'sum(count) > 0',
} satisfies AggregateQuery<'from' | 'to', 'count'>;

/** Per service, channel and handling: contacts, outcomes and repeat contacts. */
export const SERVICE_SUMS = {
  name: 'service-sums',
  table: 'contact_stats',
  keys: { service: 'service', channel: 'channel', handling: 'handling' },
  measures: {
    contacts: sumOf('contacts'),
    withOutcome: sumOf('with_outcome'),
    resolved: sumOf('resolved'),
    abandoned: sumOf('abandoned'),
    repeatEligible: sumOf('repeat_eligible'),
    repeats: sumOf('repeats'),
  },
  having: `${sumOf('contacts')} > 0`,
} satisfies AggregateQuery<'service' | 'channel' | 'handling', string>;

/** Every statistics query, for the SQL rendering (sql/stats/). */
export const METRIC_QUERIES: readonly AggregateQuery<string, string>[] = [CHANNEL_COUNTS, CHANNEL_SOURCE_COUNTS, SHIFT_COUNTS, CHATBOT_COUNTS, CENTRE_SUMS, HANDOFF_COUNTS, SERVICE_SUMS];
