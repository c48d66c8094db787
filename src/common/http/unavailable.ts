/** Connection-level failures of Postgres or Redis: the request may be retried later (503). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08006', '08001', '08003', '53300']);

export function isUnavailableError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: string; message?: string };
  if (err.code && CONNECTION_CODES.has(err.code)) return true;
  const msg = err.message ?? '';
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(msg);
}
