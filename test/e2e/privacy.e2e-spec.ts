import IORedis from 'ioredis';
import { startTestApp, TEST_REDIS_URL, TestApp } from '../support/test-app';

const RAW_REFS = ['ASC-2021-000123', 'CASE-ZZ-987654', 'NHS-4857773456'];

/** Every text value of every user table, to search for raw case references. */
async function allStoredText(t: TestApp): Promise<string> {
  const columns: Array<{ table_name: string; column_name: string }> = await t.db.query(`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb')`);
  let text = '';
  for (const c of columns) {
    const rows = await t.db.query(`SELECT "${c.column_name}"::text AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`);
    text += rows.map((r: { v: string }) => r.v).join('\n');
  }
  return text;
}

async function allRedisText(prefix: string): Promise<string> {
  const redis = new IORedis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    let text = keys.join('\n');
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') text += await redis.get(key);
      if (type === 'hash') text += JSON.stringify(await redis.hgetall(key));
      if (type === 'list') text += (await redis.lrange(key, 0, -1)).join('\n');
      if (type === 'zset') text += (await redis.zrange(key, 0, -1)).join('\n');
      if (type === 'set') text += (await redis.smembers(key)).join('\n');
    }
    return text;
  } finally {
    redis.disconnect();
  }
}

describe('raw case references reach no queue, table, log line or error', () => {
  let api: TestApp;
  const logged: string[] = [];
  const write = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    // Captured, not echoed: trace-level logs of every request would drown the test output.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    api = await startTestApp({ APP_ROLE: 'api', LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    process.stdout.write = write;
    await api.close();
  });

  it('pseudonymises before Redis, and stores only pseudonyms once processed', async () => {
    const events = RAW_REFS.map((caseRef, i) => ({
      id: `p-${i}`,
      occurredAt: '2021-07-01T10:00:00Z',
      channel: 'telephony',
      service: 'adult_social_care_assessment',
      caseRef,
    }));
    await api.http.post('/v1/contacts').send({ events }).expect(202);
    const queued = await allRedisText(api.queuePrefix);
    expect(queued).toContain('adult_social_care_assessment'); // the job is really there
    for (const ref of RAW_REFS) expect(queued).not.toContain(ref);

    // Now process it: the same database and queue with a worker role.
    const worker = await startTestApp({ ...api.env, APP_ROLE: 'worker' }, { name: api.dbName, url: api.databaseUrl });
    await api.drain();
    await worker.app.close();
    const stored = await allStoredText(api);
    const [{ n }] = await api.db.query('SELECT count(*)::int AS n FROM contact_event WHERE case_ref ~ $1', ['^[0-9a-f]{64}$']);
    expect(n).toBe(3);
    for (const ref of RAW_REFS) expect(stored).not.toContain(ref);
  });

  it('keeps them out of validation errors', async () => {
    const res = await api.http
      .post('/v1/contacts')
      .send({ events: [{ id: 'bad', occurredAt: 'yesterday', channel: 'telephony', caseRef: RAW_REFS[0], mood: RAW_REFS[1] }] })
      .expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(RAW_REFS.join('|')));
  });

  it('keeps them out of every log line', () => {
    const all = logged.join('');
    expect(all).toContain('/v1/contacts'); // request logs were captured
    for (const ref of RAW_REFS) expect(all).not.toContain(ref);
  });
});
