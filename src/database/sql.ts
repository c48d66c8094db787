import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

type Queryable = DataSource | EntityManager | QueryRunner;

/**
 * Rows of a query. TypeORM answers rows for SELECT and INSERT (also WITH … SELECT) but
 * [rows, count] for a top-level UPDATE/DELETE: write those as CTEs under a SELECT.
 */
export async function rows<T = Record<string, unknown>>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)) as T[];
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** Runs a transaction, retrying it whole when Postgres picks it as a deadlock victim. */
export async function inTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(work);
    } catch (e) {
      const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}
