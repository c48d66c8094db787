import IORedis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';

/** One Redis server (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES): the queue works on either. */
export type RedisConnection = IORedis | Cluster;

/** Where Redis is: REDIS_CLUSTER_NODES wins over REDIS_URL when set. */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string;
}

/** `host:port,host:port` as ioredis Cluster start-up nodes. */
export function clusterNodesOf(spec: string): { host: string; port: number }[] {
  return spec.split(',').map((entry) => {
    const at = entry.trim().lastIndexOf(':');
    return { host: entry.trim().slice(0, at), port: Number(entry.trim().slice(at + 1)) };
  });
}

function connect(target: RedisTarget, options: RedisOptions, cluster: ClusterOptions = {}): RedisConnection {
  if (!target.REDIS_CLUSTER_NODES) return new IORedis(target.REDIS_URL, options);
  const { enableOfflineQueue, ...redisOptions } = options;
  return new Cluster(clusterNodesOf(target.REDIS_CLUSTER_NODES), {
    redisOptions,
    enableOfflineQueue,
    // A moved slot (resharding, failover) is followed, not answered as an error.
    slotsRefreshTimeout: 2000,
    ...cluster,
  });
}

/** Producers on the HTTP path fail fast (503) while Redis is down instead of queueing commands. */
export function producerConnection(target: RedisTarget): RedisConnection {
  // A cluster must learn its slots before the first command; offline queueing covers only that.
  const offline = !!target.REDIS_CLUSTER_NODES;
  return connect(target, { enableOfflineQueue: offline, maxRetriesPerRequest: 1, lazyConnect: false, connectTimeout: 5000 });
}

/** BullMQ workers need maxRetriesPerRequest: null so blocking commands survive a Redis restart. */
export function workerConnection(target: RedisTarget, extra: RedisOptions = {}): RedisConnection {
  return connect(target, { maxRetriesPerRequest: null, ...extra });
}

/** The masters of a cluster, or the one server. */
export function mastersOf(connection: RedisConnection): IORedis[] {
  return connection instanceof Cluster ? connection.nodes('master') : [connection];
}
