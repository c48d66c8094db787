import IORedis, { RedisOptions } from 'ioredis';

/** Producers on the HTTP path fail fast (503) while Redis is down instead of queueing commands. */
export function producerConnection(url: string): IORedis {
  return new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, connectTimeout: 5000 });
}

/** BullMQ workers need maxRetriesPerRequest: null so blocking commands survive a Redis restart. */
export function workerConnection(url: string, extra: RedisOptions = {}): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null, ...extra });
}
