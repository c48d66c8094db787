import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadEnv } from '../../src/config/env';
import type { ReferenceConfig } from '../../src/config/reference-config';
import { databaseOn } from '../../src/database/database-url';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrator';

/** BENCH_DATABASE_URL (else TEST_DATABASE_URL) names the server; benchmarks make their own databases. */
export function serverUrl(db: string): string {
  return databaseOn(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres', db);
}

/** A fresh, migrated database of the benchmark's own. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = serverUrl(name);
  const ds = await createDataSource(url, 2).initialize();
  await runMigrations(ds);
  await ds.destroy();
  return url;
}

/** One statement on the server's maintenance database (CREATE or DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export function dropDatabase(name: string): Promise<void> {
  return adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Prints a benchmark's result table and keeps it in bench-results/ (git-ignored), named by kind and time. */
export function saveResult(kind: string, text: string): void {
  console.log(`\n${text}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(`bench-results/${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.md`, `${text}\n`);
}

/**
 * Starts a timed phase from a quiet server: autovacuum of this database finished and a CHECKPOINT
 * taken, so no phase pays for the housekeeping of the one before it.
 */
export async function quiesce(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = current_database()`,
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await db.query('CHECKPOINT').catch((e: Error) => console.error(`no CHECKPOINT before the phase: ${e.message}`));
  await db.end();
}

/** The V8 flags of `npm run start:prod` (heap bounds), so benchmarks run the service as production does. */
export function productionNodeOptions(): string {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts['start:prod'].split(' ').filter((word) => word.startsWith('--')).join(' ');
}

/**
 * One JSON POST on a kept-alive connection. node:http rather than fetch: the client shares the two
 * cores with the service, and fetch spends ≈ 10 ms of CPU a 2.5 MB request on its web streams.
 */
export function postJson(agent: Agent, url: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolvePost, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolvePost({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The built service as its own process, as in production. */
export async function startService(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the service processes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, resolve(__dirname, '../../src/main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', MIGRATIONS_RUN: 'false', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${env.PORT}/health/ready`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('service did not become ready');
}

/** Resident set size of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The real HTTP app in this process, API role (unless `env` says otherwise), on a free port of its own: the read benchmarks' target. */
export async function startApiApp(
  databaseUrl: string,
  config: ReferenceConfig,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await createApp(
    loadEnv({
      APP_ROLE: 'api', DATABASE_URL: databaseUrl, MIGRATIONS_RUN: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0',
      QUEUE_PREFIX: `bench_${Date.now().toString(36)}`, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', ...env,
    }),
    config,
  );
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}
