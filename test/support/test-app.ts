import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import IORedis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { parseApiKeys } from '../../src/auth/scopes';
import { loadEnv } from '../../src/config/env';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { createTestDatabase, dropTestDatabase, uniqueName } from './test-db';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  http: ReturnType<typeof request>;
  db: DataSource;
  dbName: string;
  databaseUrl: string;
  queuePrefix: string;
  env: Record<string, string>;
  /** Waits until every queued batch has been processed. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real application (real Postgres database and Redis key prefix of its own, nothing mocked),
 * wired exactly as main.ts wires it. `env` overrides the environment (APP_ROLE, API_KEYS …).
 */
export async function startTestApp(env: Record<string, string> = {}, existing?: { name: string; url: string }): Promise<TestApp> {
  const database = existing ?? (await createTestDatabase());
  const queuePrefix = env.QUEUE_PREFIX ?? uniqueName('catest');
  const fullEnv = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'false',
    PSEUDONYM_KEY: 'test-pseudonym-key-0123456789abcdef0123456789',
    // Tests poll the queue status every 50 ms; the rate limit has its own test.
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  };
  const app = await createApp(loadEnv(fullEnv), loadReferenceConfig('config'));
  // A start-up check that refuses (e.g. the pseudonym key) leaves nothing running behind it.
  await app.listen(0, '127.0.0.1').catch(async (e: Error) => {
    await app.close();
    if (!existing) await dropTestDatabase(database.name);
    throw e;
  });
  const server = app.getHttpServer();
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const http = request(server);
  const db = app.get(DataSource);
  const drain = async (timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await http.get('/v1/ingestion/status').set(authHeader(fullEnv));
      if (body.waiting === 0 && body.active === 0) return;
      if (Date.now() > deadline) throw new Error(`queue not drained: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    app,
    baseUrl,
    http,
    db,
    dbName: database.name,
    databaseUrl: database.url,
    queuePrefix,
    env: fullEnv,
    drain,
    close: async () => {
      await app.close();
      if (!existing) await dropTestDatabase(database.name);
      await deleteQueueKeys(queuePrefix);
    },
  };
}

/** A bearer header with the first admin (else any) key of API_KEYS, if keys are configured. */
export function authHeader(env: Record<string, string>): Record<string, string> {
  const keys = [...parseApiKeys(env.API_KEYS)];
  const [key] = keys.find(([, scopes]) => scopes.has('admin')) ?? keys[0] ?? [];
  return key ? { Authorization: `Bearer ${key}` } : {};
}

export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
