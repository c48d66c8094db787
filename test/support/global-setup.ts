import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrator';
import { adminUrl, databaseUrl, TEMPLATE_DB } from './test-db';

/** Migrations run once into a template database; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`UPDATE pg_database SET datistemplate = false WHERE datname = '${TEMPLATE_DB}'`);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const ds = await createDataSource(databaseUrl(TEMPLATE_DB), 2).initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}
