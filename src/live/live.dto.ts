/** One channel and handling's contacts counted today. */
export class LiveChannelDto {
  channel: string;
  /** `assisted` or `self_service`. */
  handling: string;
  count: number;
}

/** The `data` of each `event: today` of `GET /v1/live`. */
export class LiveTodayDto {
  /** Today's local date (Europe/London), YYYY-MM-DD. */
  date: string;
  total: number;
  assisted: number;
  selfService: number;
  /** Largest first. */
  channels: LiveChannelDto[];
  /** Batches waiting in the queue (as `GET /v1/ingestion/status`). */
  waiting: number;
  /** When these figures were read (ISO instant). */
  updatedAt: string;
}
