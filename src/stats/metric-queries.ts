import type { AggregateQuery } from './aggregate-query';

/**
 * What each statistic reads from the aggregates: its grouping columns and its measures. Every
 * definition is in docs/definitions.md; the rendered SQL is in sql/stats/.
 */

const SELF_SERVICE_CONTACTS = `coalesce(sum(contacts) FILTER (WHERE handling = 'self_service'), 0)`;

/** Contacts by channel and handling (channel mix, costs, baselines). */
export const CHANNEL_COUNTS = {
  name: 'channel-counts',
  table: 'contact_stats',
  keys: { channel: 'channel', handling: 'handling' },
  measures: { count: 'sum(contacts)' },
  having: 'sum(contacts) > 0',
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
  measures: { total: 'sum(contacts)', selfService: SELF_SERVICE_CONTACTS },
} satisfies AggregateQuery<never, 'total' | 'selfService'>;

/** Chatbot contacts, those escalated, and webchat contacts per series interval. */
export const CHATBOT_COUNTS = {
  name: 'chatbot-counts',
  table: 'contact_stats',
  keys: {},
  measures: {
    chatbot: `sum(contacts) FILTER (WHERE channel = 'chatbot')`,
    escalated: `sum(escalated) FILTER (WHERE channel = 'chatbot')`,
    webchat: `sum(contacts) FILTER (WHERE channel = 'webchat')`,
  },
  only: `channel IN ('chatbot', 'webchat')`,
} satisfies AggregateQuery<never, 'chatbot' | 'escalated' | 'webchat'>;

/** The summed counts contact-centre metrics derive from, per centre (null: contacts without one). */
export const CENTRE_SUMS = {
  name: 'centre-sums',
  table: 'contact_stats',
  keys: { centre: 'centre' },
  measures: {
    contacts: 'sum(contacts)',
    selfService: SELF_SERVICE_CONTACTS,
    timed: 'sum(timed)',
    outOfHours: 'sum(out_of_hours)',
    withOutcome: 'sum(with_outcome)',
    resolved: 'sum(resolved)',
    abandoned: 'sum(abandoned)',
    waited: 'sum(waited)',
    answered: 'sum(answered)',
    answeredWaitSum: 'sum(answered_wait_sum)',
    withinServiceLevel: 'sum(within_service_level)',
    handled: 'sum(handled)',
    handledDurationSum: 'sum(handled_duration_sum)',
    satisfactionResponses: 'sum(satisfaction_responses)',
    satisfactionSum: 'sum(satisfaction_sum)',
  },
  having: 'sum(contacts) > 0',
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
    contacts: 'sum(contacts)',
    withOutcome: 'sum(with_outcome)',
    resolved: 'sum(resolved)',
    abandoned: 'sum(abandoned)',
    repeatEligible: 'sum(repeat_eligible)',
    repeats: 'sum(repeats)',
  },
  having: 'sum(contacts) > 0',
} satisfies AggregateQuery<'service' | 'channel' | 'handling', string>;

/** Every statistics query, for the SQL rendering (sql/stats/). */
export const METRIC_QUERIES = [CHANNEL_COUNTS, CHANNEL_SOURCE_COUNTS, SHIFT_COUNTS, CHATBOT_COUNTS, CENTRE_SUMS, HANDOFF_COUNTS, SERVICE_SUMS];
