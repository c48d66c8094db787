import { Logger } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { RedisConnection } from '../queue/redis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One counter per client and window: the first hit starts the window, every API process adds to it. */
const HIT_LUA = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

/**
 * RATE_LIMIT_PER_MINUTE shared by every API process: the counters live in Redis (the cluster too,
 * one key each, so any slot will do) under QUEUE_PREFIX. In one process's memory, N API processes
 * behind a balancer would let a client make N times its limit. While Redis cannot answer, each
 * process counts in its own memory rather than refusing or waving everyone through.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, leftMs] = (await this.redis.eval(HIT_LUA, 1, `${this.prefix}:rate:${throttlerName}:${key}`, String(ttl))) as [number, number];
      this.degraded = false;
      const seconds = Math.max(1, Math.ceil(leftMs / 1000));
      return { totalHits: hits, timeToExpire: seconds, isBlocked: hits > limit, timeToBlockExpire: hits > limit ? seconds : 0 };
    } catch {
      if (!this.degraded) this.logger.warn('rate limits counted per process until Redis answers again');
      this.degraded = true;
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
