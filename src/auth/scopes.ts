import { SetMetadata } from '@nestjs/common';

export type Scope = 'ingest' | 'read' | 'admin';
export const SCOPES_KEY = 'scopes';
/** `any`: any valid key will do (ingestion status endpoints). */
export const Scopes = (...scopes: Array<Scope | 'any'>) => SetMetadata(SCOPES_KEY, scopes);

/** API_KEYS = "scope:key,scope:key"; one key may appear under several scopes. */
export function parseApiKeys(spec: string | undefined): Map<string, Set<Scope>> {
  const keys = new Map<string, Set<Scope>>();
  for (const pair of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = pair.indexOf(':');
    const scope = pair.slice(0, i) as Scope;
    const key = pair.slice(i + 1);
    keys.set(key, (keys.get(key) ?? new Set<Scope>()).add(scope));
  }
  return keys;
}
