import { Env } from './config/env';
import { ensureDatabase } from './database/migrator';
import IORedis, { Cluster } from 'ioredis';
import { clusterNodesOf } from './queue/redis';

/** Host and port only: URLs may carry passwords. */
function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}${u.pathname}`;
}

/** Checks Postgres and Redis before Nest starts; answers one clear line instead of a retry loop. */
export async function preflight(env: Env): Promise<string | null> {
  try {
    await ensureDatabase(env.DATABASE_URL);
  } catch (e) {
    return `PostgreSQL is not reachable at ${where(env.DATABASE_URL)} (DATABASE_URL): ${(e as Error).message}. ` +
      'Start one with `docker compose up -d postgres`, or set DATABASE_URL.';
  }
  if (env.REDIS_CLUSTER_NODES) return clusterPreflight(env.REDIS_CLUSTER_NODES);
  const redis = new IORedis(env.REDIS_URL, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 5000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    return `Redis is not reachable at ${where(env.REDIS_URL)} (REDIS_URL): ${(e as Error).message}. ` +
      'Start one with `docker compose up -d redis`, or set REDIS_URL.';
  } finally {
    redis.disconnect();
  }
  return null;
}

/** The cluster answers and every slot is served (`cluster_state:ok`). */
async function clusterPreflight(nodes: string): Promise<string | null> {
  const cluster = new Cluster(clusterNodesOf(nodes), {
    lazyConnect: true,
    clusterRetryStrategy: () => null,
    redisOptions: { maxRetriesPerRequest: 0, connectTimeout: 5000 },
  });
  cluster.on('error', () => undefined);
  try {
    await cluster.connect();
    const info = await cluster.cluster('INFO');
    if (!/cluster_state:ok/.test(info)) throw new Error('cluster_state is not ok');
  } catch (e) {
    return `The Redis Cluster is not reachable at ${nodes} (REDIS_CLUSTER_NODES): ${(e as Error).message}. ` +
      'Start one with `docker compose --profile scale up -d`, or unset REDIS_CLUSTER_NODES.';
  } finally {
    cluster.disconnect();
  }
  return null;
}
