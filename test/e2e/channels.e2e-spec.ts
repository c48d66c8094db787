import { startTestApp, TestApp } from '../support/test-app';

describe('contacts in, channel statistics out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts an accepted contact in its Europe/London month and financial year', async () => {
    const res = await t.http
      .post('/v1/contacts')
      .send({ events: [{ id: 'c1', occurredAt: '2021-03-31T23:30:00Z', channel: 'telephony' }] })
      .expect(202);
    expect(res.body).toEqual({ batchId: expect.any(String), accepted: 1 });
    await t.drain();
    const april = await t.http.get('/v1/stats/channels?period=2021-04').expect(200);
    expect(april.body.total).toBe(1);
    const march = await t.http.get('/v1/stats/channels?period=2021-03').expect(200);
    expect(march.body.total).toBe(0);
    const fy = await t.http.get('/v1/stats/channels?period=FY2021-22').expect(200);
    expect(fy.body.channels).toEqual([
      { channel: 'telephony', handling: 'assisted', label: 'Telephony', count: 1, share: 1, percent: 100 },
    ]);
    const batch = await t.http.get(`/v1/ingestion/batches/${res.body.batchId}`).expect(200);
    expect(batch.body).toMatchObject({ state: 'completed', accepted: 1, inserted: 1, duplicates: 0 });
  });
});
