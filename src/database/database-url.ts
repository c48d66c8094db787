import { userInfo } from 'node:os';

/** Like psql: a URL without a user name connects as PGUSER or the operating-system user. */
export function withDefaultUser(url: string): string {
  const u = new URL(url);
  if (!u.username) u.username = process.env.PGUSER || process.env.USER || userInfo().username;
  return u.toString();
}

/** Another database on the server a URL names (tests and benchmarks make their own). */
export function databaseOn(serverUrl: string, database: string): string {
  const u = new URL(withDefaultUser(serverUrl));
  u.pathname = `/${database}`;
  return u.toString();
}
