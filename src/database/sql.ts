import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** A DataSource, a transaction, or the read side's ReadDatabase. */
type Queryable = DataSource | EntityManager | QueryRunner | { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Rows of a query. TypeORM answers rows for SELECT and INSERT (also WITH … SELECT) but
 * [rows, count] for a top-level UPDATE/DELETE: write those as CTEs under a SELECT.
 */
export async function rows<T = Record<string, unknown>>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)) as T[];
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** The SQLSTATE of a Postgres error, whether TypeORM wrapped it or not. */
export function sqlState(e: unknown): string | undefined {
  return (e as { driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
}

/** Runs a transaction, retrying it whole when Postgres picks it as a deadlock victim. */
export async function inTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(work);
    } catch (e) {
      const code = sqlState(e);
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

/** Streams COPY text into a table on the transaction's own connection. */
export async function copyInto(m: EntityManager, copySql: string, text: string): Promise<void> {
  const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) throw new Error('copyInto needs a transaction');
  await pipeline(Readable.from([text]), client.query(copyFrom(copySql)));
}

/** A value in COPY text format: \N for absent, and backslash, tab, newline and carriage return escaped. */
export function copyValue(v: string | number | boolean | undefined | null): string {
  if (v === undefined || v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]) : s;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
