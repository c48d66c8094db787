/**
 * Told to every process listening (the live view) when a batch of contacts or volumes has been
 * counted. Sent inside the batch's transaction: Postgres delivers a NOTIFY only at commit, so a
 * listener never reads figures the batch has not yet committed, and a rolled-back batch says nothing.
 */
export const CONTACTS_COUNTED_CHANNEL = 'contacts_counted';
export const NOTIFY_CONTACTS_COUNTED_SQL = `SELECT pg_notify('${CONTACTS_COUNTED_CHANNEL}', '')`;
