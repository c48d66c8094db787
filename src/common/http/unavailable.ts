/** Connection-level failures of Postgres or Redis: the request may be retried later (503). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '57P05', // admin or crash shutdown, cannot connect now, idle session timeout
  '40001', '40P01', // serialization failure, deadlock: the same work succeeds when run again
]);

/** SQLSTATE classes that say "not now" rather than "never": 08 connection exception, 53 insufficient resources. */
const TRANSIENT_CLASSES = ['08', '53'];

const TRANSIENT_MESSAGES = new RegExp(
  [
    'Connection is closed', "Stream isn't writeable", 'enableOfflineQueue', 'Connection terminated', 'connect ECONNREFUSED',
    'timeout exceeded when trying to connect', 'Reached the max retries per request', 'OOM command not allowed',
    'LOADING Redis is loading', 'READONLY You can', 'Client has encountered a connection error', 'Client was closed',
    'Cannot use a pool after calling end', 'Query runner already released',
  ]
    .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'i',
);

/**
 * Postgres or Redis cannot take the work now (unreachable, restarting, out of memory, a deadlock
 * victim): the same work succeeds later. HTTP answers 503 with Retry-After; the worker retries the
 * batch with backoff for as long as it takes. Anything else is not cured by waiting.
 */
export function isUnavailableError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; message?: string; driverError?: unknown };
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && (CONNECTION_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_CLASSES.includes(code.slice(0, 2))))) return true;
  if (err.driverError && err.driverError !== e && isUnavailableError(err.driverError)) return true;
  return TRANSIENT_MESSAGES.test(err.message ?? '');
}
