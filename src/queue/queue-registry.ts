import type { Handling } from '../config/reference-config';

/** The one queue of the service and its jobs: names as enums, one payload type per job. */
export const INGESTION_QUEUE = 'ingestion';

export enum IngestionJob {
  Contacts = 'contacts',
  Volumes = 'volumes',
  Conversations = 'conversations',
}

/**
 * Contacts as they travel through Redis: COPY text, one line per contact, columns in
 * CONTACT_ROW_COLUMNS order (see ingestion/contact-rows.ts); case references already pseudonymised.
 */
export interface QueuedContacts {
  batchId: string;
  count: number;
  /** some contact carries a case reference and a service, so repeat marking must run */
  linked: boolean;
  rows: string;
}

export const CONTACT_ROW_COLUMNS = [
  'source', 'source_id', 'occurred_at', 'local_date', 'channel', 'handling', 'centre', 'service', 'category', 'outcome',
  'handed_off_to', 'wait_seconds', 'duration_seconds', 'satisfaction', 'case_ref', 'out_of_hours',
] as const;

export interface QueuedVolume {
  day: string;
  channel: string;
  handling: Handling;
  source: string;
  centre: string | null;
  service: string | null;
  count: number;
}

/** A validated conversation event: tier derived, case reference pseudonymised (hex HMAC). */
export interface QueuedConversation {
  source: string;
  source_id: string;
  occurred_at: string;
  case_ref: string;
  conversation: number;
  completed_by: string;
  outcome: string | null;
  safeguarding: boolean;
  tier: number;
}

export interface IngestionPayloads {
  [IngestionJob.Contacts]: QueuedContacts;
  [IngestionJob.Volumes]: { batchId: string; items: QueuedVolume[] };
  [IngestionJob.Conversations]: { batchId: string; items: QueuedConversation[] };
}

/** How many items a batch holds: contacts travel as rendered rows, the rest as items. */
export function acceptedIn(payload: IngestionPayloads[IngestionJob]): number {
  return 'items' in payload ? payload.items.length : payload.count;
}

export interface BatchResult { inserted: number; duplicates: number }

export type IngestionHandlers = { [K in IngestionJob]: (payload: IngestionPayloads[K]) => Promise<BatchResult> };
