import { SetMetadata } from '@nestjs/common';

export type Scope = 'ingest' | 'read' | 'admin';
export const SCOPES_KEY = 'scopes';
/** `any`: any valid key will do (ingestion status endpoints). */
export const Scopes = (...scopes: Array<Scope | 'any'>) => SetMetadata(SCOPES_KEY, scopes);

/** What one API key may do; `sources` set: an ingest key bound to these sources only. */
export interface KeyGrant {
  scopes: Set<Scope>;
  sources?: Set<string>;
}

/** One `API_KEYS` entry: `scope:key`, or `ingest@source[+source…]:key` for a key bound to sources. */
export const API_KEY_ENTRY = /^(ingest(?:@[a-z0-9_]{1,64}(?:\+[a-z0-9_]{1,64})*)?|read|admin):([^,:\s]{16,})$/;

/**
 * API_KEYS = "scope:key,ingest@netcall+civica:key,…"; one key may appear under several scopes.
 * A key is bound to sources only if every ingest or admin entry of it is bound.
 */
export function parseKeyGrants(spec: string | undefined): Map<string, KeyGrant> {
  const grants = new Map<string, KeyGrant & { unbound: boolean }>();
  for (const entry of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [, grantSpec, key] = API_KEY_ENTRY.exec(entry) ?? [];
    if (!key) continue; // loadEnv has refused the malformed entry already
    const [scope, sources] = grantSpec.split('@');
    const grant = grants.get(key) ?? { scopes: new Set<Scope>(), unbound: false };
    grant.scopes.add(scope as Scope);
    if (sources) sources.split('+').forEach((s) => (grant.sources ??= new Set()).add(s));
    else if (scope !== 'read') grant.unbound = true;
    grants.set(key, grant);
  }
  return new Map([...grants].map(([key, { scopes, sources, unbound }]) => [key, unbound ? { scopes } : { scopes, sources }]));
}

/** Key → scopes, ignoring source bindings. */
export function parseApiKeys(spec: string | undefined): Map<string, Set<Scope>> {
  return new Map([...parseKeyGrants(spec)].map(([key, grant]) => [key, grant.scopes]));
}
