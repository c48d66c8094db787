import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import type { AuthenticatedRequest } from './api-key.guard';

/**
 * An ingest key bound to sources (`ingest@netcall:KEY`) may send only items of those sources; an
 * item without `source` is `api`. Checked before validation, on the items of `body[key]`: 403
 * naming the first other item. A `source` of the wrong type is left to validation (400).
 */
export function checkSourceBinding(req: AuthenticatedRequest, body: unknown, key: string): void {
  const sources = req.apiClient?.sources;
  if (!sources || !body || typeof body !== 'object') return;
  const items = (body as Record<string, unknown>)[key];
  if (!Array.isArray(items)) return;
  const other = items.findIndex((item: unknown) => {
    const source = (item as { source?: unknown } | null)?.source ?? 'api';
    return typeof source === 'string' && !sources.has(source);
  });
  if (other === -1) return;
  const allowed = [...sources].join(', ');
  throw new ApiError(HttpStatus.FORBIDDEN, `this API key may send only items of source ${allowed}`, [
    { path: `${key}[${other}].source`, problem: `must be one of this key's sources: ${allowed}` },
  ]);
}
