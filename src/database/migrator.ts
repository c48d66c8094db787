import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every process of this service contends for the same advisory lock. */
const MIGRATION_LOCK = 726_355_001;
export const TAKE_MIGRATION_LOCK_SQL = 'SELECT pg_advisory_lock($1)';
export const RELEASE_MIGRATION_LOCK_SQL = 'SELECT pg_advisory_unlock($1)';

/** Runs pending migrations under a session advisory lock, so processes starting together don't race. The lock holds one connection: the pool needs two. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(TAKE_MIGRATION_LOCK_SQL, [MIGRATION_LOCK]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query(RELEASE_MIGRATION_LOCK_SQL, [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Creates the database named in the URL when the server is up but the database is not there yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== '3D000') throw e;
  } finally {
    await probe.end().catch(() => undefined);
  }
  target.pathname = '/postgres';
  const admin = new Client({ connectionString: target.toString(), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (e) {
    if ((e as { code?: string }).code !== '42P04') throw e; // created meanwhile by another process
  } finally {
    await admin.end();
  }
}
