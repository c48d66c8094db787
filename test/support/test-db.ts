import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseOn } from '../../src/database/database-url';

/** Per checkout, so two clones (or CI beside a developer) never share or drop each other's databases. */
const CHECKOUT = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8);
export const TEMPLATE_DB = `ca_tpl_${CHECKOUT}`;
export const TEST_DB_PREFIX = `ca_t_${CHECKOUT}`;

/** TEST_DATABASE_URL names the server (default: local, as the OS user); databases are made per test file. */
export function databaseUrl(name: string): string {
  return databaseOn(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres', name);
}

export function adminUrl(): string {
  return databaseUrl('postgres');
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = uniqueName(TEST_DB_PREFIX);
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
