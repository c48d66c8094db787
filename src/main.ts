import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { Env, loadEnv } from './config/env';
import { loadReferenceConfig } from './config/reference-config';
import { createDataSource } from './database/data-source';
import { runMigrations } from './database/migrator';
import { preflight } from './preflight';

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const config = loadReferenceConfig(env.CONFIG_DIR);
  const problem = await preflight(env);
  if (problem) fail(problem);
  if (env.MIGRATIONS_RUN) {
    const ds = await createDataSource(env.DATABASE_URL, 2).initialize();
    await runMigrations(ds).finally(() => ds.destroy());
  }
  const app = await createApp(env, config);
  const logger = new Logger('Main');
  const host = listenHost(env);
  if (!env.API_KEYS) logger.warn(`API_KEYS is unset: the API is open to anyone who can reach ${host ?? 'this machine'}`);
  if (!env.PSEUDONYM_KEY) logger.warn('PSEUDONYM_KEY is unset: using the development key; never in production');
  await (host ? app.listen(env.PORT, host) : app.listen(env.PORT));
  logger.log(`contact-analytics (${env.APP_ROLE}) listening on http://${host ?? 'localhost'}:${env.PORT} — docs at /docs`);
}

/** An open API (no API_KEYS) listens on loopback only, unless HOST says otherwise; undefined = every interface. */
function listenHost(env: Env): string | undefined {
  return env.HOST ?? (env.API_KEYS ? undefined : '127.0.0.1');
}

function fail(line: string): never {
  console.error(`contact-analytics cannot start: ${line}`);
  process.exit(1);
}

bootstrap().catch((e: Error) => fail(e.message));
