import { HASH_SLOTS, keySlot, shardOf, shardPrefixes } from './queue-shards';

describe('queue shards', () => {
  it('compute the slots Redis Cluster documents', () => {
    // From the Redis Cluster specification and `CLUSTER KEYSLOT`.
    expect(keySlot('123456789')).toBe(0x31c3);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
  });

  it('are one queue under the prefix on one Redis server', () => {
    expect(shardPrefixes('ca', 8, false)).toEqual(['ca']);
  });

  it('spread over equal parts of the slot range on a cluster, each shard in one slot', () => {
    for (const shards of [1, 3, 8, 16]) {
      const prefixes = shardPrefixes('ca', shards, true);
      expect(new Set(prefixes).size).toBe(shards);
      prefixes.forEach((prefix, i) => {
        expect(prefix).toMatch(/^\{ca:\d+(:\d+)?\}$/);
        const slot = keySlot(`${prefix}:ingestion:wait`);
        expect(slot).toBe(keySlot(`${prefix}:ingestion:some-batch-id`));
        expect(slot).toBeGreaterThanOrEqual(Math.floor((i * HASH_SLOTS) / shards));
        expect(slot).toBeLessThan(Math.floor(((i + 1) * HASH_SLOTS) / shards));
      });
    }
  });

  it('place a batch by its id alone, evenly', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[shardOf(`b-${i}-${i * 7919}`, 8)]++;
    expect(shardOf('some-batch', 8)).toBe(shardOf('some-batch', 8));
    for (const n of counts) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});
