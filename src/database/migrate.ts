import { loadEnv } from '../config/env';
import { createDataSource } from './data-source';
import { ensureDatabase, runMigrations } from './migrator';

/** `npm run migration:run`: the same locked runner the service uses at start. */
async function main(): Promise<void> {
  const env = loadEnv();
  await ensureDatabase(env.DATABASE_URL);
  const ds = await createDataSource(env.DATABASE_URL, 2).initialize();
  try {
    const ran = await runMigrations(ds);
    console.log(ran.length ? `applied: ${ran.join(', ')}` : 'database is up to date');
  } finally {
    await ds.destroy();
  }
}

main().catch((e: Error) => {
  console.error(`migration failed: ${e.message}`);
  process.exit(1);
});
