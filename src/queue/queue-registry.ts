import type { Handling } from '../config/reference-config';

/** The one queue of the service and its jobs: names as enums, one payload type per job. */
export const INGESTION_QUEUE = 'ingestion';

export enum IngestionJob {
  Contacts = 'contacts',
  Volumes = 'volumes',
  Conversations = 'conversations',
}

/** A validated contact as it travels through Redis: handling resolved, case reference pseudonymised. */
export interface QueuedContact {
  source: string;
  source_id: string;
  occurred_at: string;
  channel: string;
  handling: Handling;
  centre?: string;
  service?: string;
  category?: string;
  outcome?: string;
  handed_off_to?: string;
  wait_seconds?: number;
  duration_seconds?: number;
  satisfaction?: number;
  case_ref?: string;
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
  [IngestionJob.Contacts]: { batchId: string; items: QueuedContact[] };
  [IngestionJob.Volumes]: { batchId: string; items: QueuedVolume[] };
  [IngestionJob.Conversations]: { batchId: string; items: QueuedConversation[] };
}

export interface BatchResult { inserted: number; duplicates: number }

export type IngestionHandlers = { [K in IngestionJob]: (payload: IngestionPayloads[K]) => Promise<BatchResult> };
