import { startTestApp, TestApp } from '../support/test-app';

/** Two API processes behind one balancer: a client's requests per minute are counted once, across both. */
describe('rate limits shared by every API process', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ APP_ROLE: 'api', RATE_LIMIT_PER_MINUTE: '4' });
    b = await startTestApp({ APP_ROLE: 'api', RATE_LIMIT_PER_MINUTE: '4', QUEUE_PREFIX: a.queuePrefix }, { name: a.dbName, url: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers 429 on either process once the client has used its limit across both', async () => {
    const stats = '/v1/stats/channels?period=2021';
    await a.http.get(stats).expect(200);
    await b.http.get(stats).expect(200);
    await a.http.get(stats).expect(200);
    await b.http.get(stats).expect(200);
    const limited = await a.http.get(stats).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await b.http.get(stats).expect(429);
  });
});
