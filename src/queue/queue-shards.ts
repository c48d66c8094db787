/** Redis Cluster hash slots. */
export const HASH_SLOTS = 16384;

/**
 * The key prefixes of the queue's shards. On one Redis server, the one queue under QUEUE_PREFIX, as
 * always. On a cluster, one queue per shard whose prefix is a hash tag (`{ca:3}`), so that every key
 * of a shard is in one slot (BullMQ's scripts touch many keys of a queue at once) and shards sit
 * in different slots. Shard i's tag is picked so that its slot lies in the i-th equal part of the
 * slot range: `redis-cli --cluster create` gives each master an equal run of slots, so the shards
 * spread evenly over the masters whatever their number (up to the number of shards). The choice
 * depends on the prefix and the shard count alone, so every process agrees on it without asking.
 */
export function shardPrefixes(prefix: string, shards: number, cluster: boolean): string[] {
  if (!cluster) return [prefix];
  return Array.from({ length: shards }, (_, i) => `{${shardTag(prefix, i, shards)}}`);
}

function shardTag(prefix: string, shard: number, shards: number): string {
  const from = Math.floor((shard * HASH_SLOTS) / shards);
  const to = Math.floor(((shard + 1) * HASH_SLOTS) / shards);
  for (let salt = 0; ; salt++) {
    const tag = salt === 0 ? `${prefix}:${shard}` : `${prefix}:${shard}:${salt}`;
    const slot = keySlot(tag);
    if (slot >= from && slot < to) return tag;
  }
}

/** The shard a batch is on, from its id alone (FNV-1a): status, retries and removal find it without asking every shard. */
export function shardOf(batchId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < batchId.length; i++) {
    hash ^= batchId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Redis Cluster's slot of a key: CRC16/XMODEM of its hash tag (the part inside the first `{…}`, if not empty), mod 16384. */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % HASH_SLOTS;
}
