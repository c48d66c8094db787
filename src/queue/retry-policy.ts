import { sqlState } from '../database/sql';

/**
 * How a failed batch is retried. A failure that waiting cures (isUnavailableError) is retried
 * with backoff for as long as it takes: 1 s, doubling, capped at RETRY_MAX_DELAY_MS. Any other
 * failure goes to the dead-letter store at once: a row Postgres refuses is refused every time.
 */
export const RETRY_BACKOFF = 'capped-exponential';
export const FIRST_RETRY_DELAY_MS = 1000;
/** BullMQ needs a number; this one is never reached. */
export const RETRY_FOREVER = Number.MAX_SAFE_INTEGER;

export function retryDelayMs(attemptsMade: number, maxDelayMs: number): number {
  const uncapped = FIRST_RETRY_DELAY_MS * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 30);
  // Jitter, so batches that failed together (a Postgres restart) do not all return at once.
  return Math.max(1, Math.round(Math.min(uncapped, maxDelayMs) * (0.8 + Math.random() * 0.2)));
}

const MAX_REASON_LENGTH = 500;

/**
 * Why a batch failed, fit for a log line and the dead-letter store: the driver's message and
 * SQLSTATE, without the value that some messages quote (`invalid input syntax for type integer:
 * "…"`), since that is row text. Idempotent, so a reason can pass through it twice.
 */
export function failureReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = /^[0-9A-Z]{5}$/.test(sqlState(e) ?? '') ? sqlState(e) : undefined;
  const redacted = message.replace(/: ".*"$/s, ': "…"').replace(/\s+/g, ' ').trim();
  const reason = code && !redacted.includes(`SQLSTATE ${code}`) ? `${redacted} (SQLSTATE ${code})` : redacted;
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}
