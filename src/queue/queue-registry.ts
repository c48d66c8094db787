import type { Handling } from '../config/reference-config';

export { CONTACT_ROW_COLUMNS } from '../database/contact-columns';

/** The one queue of the service and its jobs: names as enums, one payload type per job. */
export const INGESTION_QUEUE = 'ingestion';

export enum IngestionJob {
  Contacts = 'contacts',
  Volumes = 'volumes',
  Conversations = 'conversations',
}

/**
 * Contacts as they travel through Redis: COPY text, one line per contact, columns in
 * CONTACT_ROW_COLUMNS order (database/contact-columns.ts; rendered by ingestion/contact-rows.ts); case references already pseudonymised.
 */
export interface QueuedContacts {
  batchId: string;
  count: number;
  /** some contact carries a case reference and a service, so repeat marking must run */
  linked: boolean;
  rows: string;
}

export interface QueuedVolume {
  day: string;
  channel: string;
  handling: Handling;
  source: string;
  centre: string | null;
  service: string | null;
  count: number;
}

/**
 * Conversation events as they travel through Redis: COPY text, one line per event, columns in
 * CONVERSATION_ROW_COLUMNS order (see ingestion/conversation-rows.ts); tier derived, case reference
 * pseudonymised (hex HMAC).
 */
export interface QueuedConversations {
  batchId: string;
  count: number;
  rows: string;
}

export const CONVERSATION_ROW_COLUMNS = [
  'source', 'source_id', 'occurred_at', 'local_date', 'case_ref', 'conversation', 'completed_by', 'outcome', 'safeguarding', 'tier',
] as const;

export interface IngestionPayloads {
  [IngestionJob.Contacts]: QueuedContacts;
  [IngestionJob.Volumes]: { batchId: string; items: QueuedVolume[] };
  [IngestionJob.Conversations]: QueuedConversations;
}

/** How many items a batch holds: contacts and conversations travel as rendered rows, volumes as items. */
export function acceptedIn(payload: IngestionPayloads[IngestionJob]): number {
  return 'items' in payload ? payload.items.length : payload.count;
}

export interface BatchResult { inserted: number; duplicates: number }

export type IngestionHandlers = { [K in IngestionJob]: (payload: IngestionPayloads[K]) => Promise<BatchResult> };
