import { EnvError, loadEnv } from './env';

const problemsOf = (source: Record<string, string>): string[] => {
  try {
    loadEnv(source);
    return [];
  } catch (e) {
    return (e as EnvError).problems;
  }
};

describe('scale-out settings', () => {
  it('default to one Redis server, 8 shards on a cluster, no replica and a 30 s lag limit', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ QUEUE_SHARDS: 8, READ_MAX_LAG_SECONDS: 30 });
    expect(env.REDIS_CLUSTER_NODES).toBeUndefined();
    expect(env.DATABASE_READ_URL).toBeUndefined();
  });

  it('accept a cluster and a replica', () => {
    const env = loadEnv({
      REDIS_CLUSTER_NODES: 'redis-node-1:6379, 10.0.0.2:7000',
      QUEUE_SHARDS: '16',
      DATABASE_READ_URL: 'postgres://replica.internal:5432/contact_analytics',
      READ_MAX_LAG_SECONDS: '5',
    });
    expect(env).toMatchObject({ QUEUE_SHARDS: 16, READ_MAX_LAG_SECONDS: 5 });
    expect(env.DATABASE_READ_URL).toMatch(/^postgres:\/\/[^@]+@replica\.internal:5432\/contact_analytics$/);
  });

  it('refuse bad values, naming the variable without echoing it', () => {
    const problems = problemsOf({
      REDIS_CLUSTER_NODES: 'redis://secret@host:6379',
      QUEUE_SHARDS: '0',
      DATABASE_READ_URL: 'mysql://replica',
      READ_MAX_LAG_SECONDS: '-1',
    });
    expect(problems).toHaveLength(4);
    for (const name of ['REDIS_CLUSTER_NODES', 'QUEUE_SHARDS', 'DATABASE_READ_URL', 'READ_MAX_LAG_SECONDS']) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
    expect(problems.join(' ')).not.toContain('secret');
  });
});
