import { Client } from 'pg';
import { adminUrl } from './test-db';

/** Drops the databases the test files created (they are named ca_test_*). */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'ca\\_test\\_%' AND NOT datistemplate`);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
