import { Client } from 'pg';
import { adminUrl, TEST_DB_PREFIX } from './test-db';

/** Drops the databases this checkout's test files left behind. */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND NOT datistemplate`,
      [`${TEST_DB_PREFIX}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
