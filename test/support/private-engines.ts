import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { spawnRole, until } from './worker-process';

/**
 * Real engines started privately for one test file, on spare ports and in temp dirs, and torn
 * down after it: a Redis Cluster of three masters (Debian's redis-server) and a PostgreSQL primary
 * with a streaming replica (pg_basebackup -R). Postgres refuses to run as root, so its processes
 * run as the `postgres` user.
 */
const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A free port whose +10000 (the cluster bus) is free too, below the ephemeral range. */
export async function sparePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if ((await isFree(port)) && (await isFree(port + 10000))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer().once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

export interface PrivateCluster {
  ports: number[];
  /** REDIS_CLUSTER_NODES for these masters. */
  nodes: string;
  admin(port: number): IORedis;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'ca-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await sparePort());
  const servers: ChildProcess[] = ports.map((port) =>
    spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
      '--dir', dir, '--save', '', '--appendonly', 'no', '--cluster-node-timeout', '2000',
    ], { stdio: 'ignore' }),
  );
  const clients: IORedis[] = [];
  const admin = (port: number) => {
    const c = new IORedis({ port, host: '127.0.0.1', lazyConnect: false });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  };
  const stop = async () => {
    for (const c of clients) c.disconnect();
    for (const s of servers) s.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await until(async () => (await admin(port).ping()) === 'PONG', 10_000, `redis on ${port}`);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    const probes = ports.map((p) => admin(p));
    await until(async () => (await Promise.all(probes.map((c) => c.cluster('INFO')))).every((i) => /cluster_state:ok/.test(i)), 20_000, 'cluster_state:ok');
  } catch (e) {
    await stop();
    throw e;
  }
  return { ports, nodes: ports.map((p) => `127.0.0.1:${p}`).join(','), admin, stop };
}

export interface PrivatePostgres {
  primaryPort: number;
  replicaPort: number;
  /** The primary's data directory (its postmaster.pid names the server process). */
  primaryDir: string;
  url(port: number, database: string): string;
  /** Runs one statement on a server, as its superuser. */
  sql<T = Record<string, unknown>>(port: number, statement: string, database?: string): Promise<T[]>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  stop(): Promise<void>;
}

const asPostgres = (args: string[]) => run('runuser', ['-u', 'postgres', '--', ...args], { maxBuffer: 10 * 1024 * 1024 });

/** A primary and a streaming replica of it (hot standby), each in its own temp dir. */
export async function startPostgresPair(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'ca-pg-'));
  chownSync(dir, ...(await postgresIds()));
  const [primaryPort, replicaPort] = [await sparePort(), await sparePort()];
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const ctl = (data: string, action: string, extra: string[] = []) =>
    asPostgres([`${PG_BIN}/pg_ctl`, '-D', data, '-l', `${data}.log`, '-w', '-t', '60', ...extra, action]);
  const options = (port: number) => ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c wal_level=replica`];
  const stop = async () => {
    for (const data of [replica, primary]) await ctl(data, 'stop', ['-m', 'immediate']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres([`${PG_BIN}/initdb`, '-D', primary, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await ctl(primary, 'start', options(primaryPort));
    await asPostgres([`${PG_BIN}/pg_basebackup`, '-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '--no-sync']);
    await ctl(replica, 'start', options(replicaPort));
  } catch (e) {
    await stop();
    throw e;
  }
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const sql = async <T>(port: number, statement: string, database = 'postgres') => {
    const client = new Client({ connectionString: url(port, database) });
    await client.connect();
    try {
      return (await client.query(statement)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    primaryPort, replicaPort, primaryDir: primary, url, sql, stop,
    stopReplica: () => ctl(replica, 'stop', ['-m', 'immediate']).then(() => undefined),
    startReplica: () => ctl(replica, 'start', options(replicaPort)).then(() => undefined),
  };
}

async function postgresIds(): Promise<[number, number]> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid), Number(gid)];
}

/** An API process (APP_ROLE=api) from the TypeScript sources on a spare port, answering once /health/live does. */
export async function spawnApi(env: Record<string, string>): Promise<ChildProcess & { baseUrl: string; output: () => string }> {
  const port = await sparePort();
  const child = spawnRole('api', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(async () => child.exitCode !== null || (await fetch(`${baseUrl}/health/live`)).ok, 90_000, 'an API process');
  if (child.exitCode !== null) throw new Error(`the API process exited: ${child.output()}`);
  return Object.assign(child, { baseUrl });
}
