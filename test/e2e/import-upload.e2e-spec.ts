import { parse } from 'csv-parse/sync';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { CTR_RECORDS } from '../support/amazon-connect-records';
import { rawRequest } from '../support/raw-http';
import { EXPECTED_REJECTS, SPREADSHEET } from '../support/spreadsheet';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/worker-process';

const KEYS = { ingest: 'upload-ingest-key-0123456789', read: 'upload-read-key-0123456789', bound: 'upload-bound-key-0123456789' };
const API_KEYS = `ingest:${KEYS.ingest},read:${KEYS.read},ingest@netcall:${KEYS.bound}`;
const LIMIT = 64 * 1024;
const CSV = 'text/csv; charset=utf-8';

describe('POST /v1/imports and GET /v1/imports/:id', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS, IMPORT_LIMIT_BYTES: String(LIMIT) });
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (query: string, body: string | Buffer, headers: Record<string, string> = {}, key = KEYS.ingest) =>
    t.http.post(`/v1/imports?${query}`).set({ Authorization: `Bearer ${key}`, 'Content-Type': CSV, ...headers }).send(body);
  const statusOf = async (importId: string, key = KEYS.read) =>
    (await t.http.get(`/v1/imports/${importId}`).set('Authorization', `Bearer ${key}`).expect(200)).body;
  const settled = async (importId: string) => {
    await until(async () => (await statusOf(importId)).state !== 'running', 60_000, `import ${importId} to settle`);
    return statusOf(importId);
  };

  it('imports a spreadsheet: figures, rejects by row and problem, completed once counted; a second upload counts nothing twice', async () => {
    const res = await upload('kind=contacts&format=csv&map=contacts-generic', SPREADSHEET).expect(202);
    expect(Object.keys(res.body)).toEqual(['importId']);
    const expectedRejects = (parse(EXPECTED_REJECTS.join('\r\n'), { columns: true, relax_column_count: true }) as Array<{ row: string; problem: string }>)
      .map((r) => ({ row: Number(r.row), problem: r.problem }));
    expect(await settled(res.body.importId)).toEqual({
      importId: res.body.importId, kind: 'contacts', format: 'csv', state: 'completed',
      read: 14, accepted: 4, rejected: 9, skipped: 1, rejects: expectedRejects, counted: 4, duplicates: 0,
    });
    const again = await upload('kind=contacts&map=contacts-generic', SPREADSHEET).expect(202);
    expect(await settled(again.body.importId)).toMatchObject({ state: 'completed', accepted: 4, counted: 0, duplicates: 4 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM contact_event`);
    expect(n).toBe(4);
  });

  it('Amazon Connect records and gzip: skipped legs counted, the queue map applied', async () => {
    const body = gzipSync(CTR_RECORDS.map((r) => JSON.stringify(r)).join('\n'));
    const res = await upload('kind=contacts&format=amazon-connect&map=amazon-connect&source=connect', body, {
      'Content-Type': 'application/x-ndjson', 'Content-Encoding': 'gzip',
    }).expect(202);
    expect(await settled(res.body.importId)).toMatchObject({ state: 'completed', read: 14, accepted: 9, rejected: 1, skipped: 4, counted: 9, rejects: [{ row: 14 }] });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM contact_event WHERE source = 'connect' AND centre = 'customer_services'`);
    expect(n).toBe(7);
  });

  it('conversations: numbers and booleans from text, pairing rules as the API has them, and a second upload counts nothing twice', async () => {
    const csv = [
      'id,caseRef,occurredAt,conversation,completedBy,outcome,safeguarding',
      'v1,CASE-1,2021-04-01T10:00:00Z,1,front_door,advice_information,no',
      'v2,CASE-1,2021-04-02T10:00:00Z,2,social_work_team,reablement,TRUE',
      'v3,CASE-2,2021-04-03T10:00:00Z,0,self_service,,',
      'v4,CASE-3,2021-04-03T10:00:00Z,3,front_door,,',
    ].join('\n');
    const first = await upload('kind=conversations', csv).expect(202);
    const settledFirst = await settled(first.body.importId);
    expect(settledFirst).toMatchObject({ state: 'completed', read: 4, accepted: 3, rejected: 1, counted: 3, duplicates: 0 });
    expect(settledFirst.rejects).toEqual([{ row: 4, problem: expect.stringMatching(/^completedBy: /) }]);
    const second = await upload('kind=conversations', csv).expect(202);
    expect(await settled(second.body.importId)).toMatchObject({ state: 'completed', accepted: 3, counted: 0, duplicates: 3 });
    const stored = await t.db.query(`SELECT source_id AS id, conversation, safeguarding, tier FROM conversation_event ORDER BY source_id`);
    expect(stored).toEqual([
      { id: 'v1', conversation: 1, safeguarding: false, tier: 1 },
      { id: 'v2', conversation: 2, safeguarding: true, tier: 3 },
      { id: 'v3', conversation: 0, safeguarding: false, tier: 0 },
    ]);
  });

  it('volumes: a return loaded twice replaces its counts, it does not add them', async () => {
    const csv = 'Month ending,Channel,Handling,Source,Contacts\r\n28/02/2021,Postal Evidence,Assisted,Civica,"1,5"\r\n28/02/2021,Postal Evidence,Assisted,Civica,312\r\n28/02/2021,Apps,Self-Service,,740\r\n';
    for (const run of [1, 2]) {
      const res = await upload('kind=volumes&map=volumes-monthly', csv).expect(202);
      expect([run, await settled(res.body.importId)]).toEqual([run, expect.objectContaining({ state: 'completed', accepted: 2, rejected: 1, counted: 2, duplicates: 0 })]);
    }
    const { body } = await t.http.get('/v1/stats/channels?period=2021-02&by=source').set('Authorization', `Bearer ${KEYS.read}`).expect(200);
    const counts = Object.fromEntries(body.channels.filter((c: { count: number }) => c.count).map((c: { channel: string; source: string; count: number }) => [`${c.channel}/${c.source}`, c.count]));
    expect(counts).toEqual({ 'post/civica': 312, 'app/api': 740 });
  });

  it('a source-bound key: rows of other sources are rejected by row, its own load', async () => {
    const csv = 'id,occurredAt,channel,source\nb1,2021-02-01T10:00:00Z,telephony,netcall\nb2,2021-02-01T10:00:00Z,telephony,civica\n';
    const res = await upload('kind=contacts', csv, {}, KEYS.bound).expect(202);
    expect(await settled(res.body.importId)).toMatchObject({
      accepted: 1, rejected: 1, counted: 1, rejects: [{ row: 2, problem: "source: must be one of this key's sources: netcall" }],
    });
  });

  it('the state is in Postgres: another API process answers the same after this one stops', async () => {
    const res = await upload('kind=volumes&map=volumes-monthly', 'Month ending,Channel,Handling,Contacts\n31/01/2021,Paper Applications,Assisted,180\n').expect(202);
    const before = await settled(res.body.importId);
    expect(before).toMatchObject({ state: 'completed', accepted: 1, counted: 1, duplicates: 0 });
    const other = await startTestApp({ API_KEYS }, { name: t.dbName, url: t.databaseUrl });
    try {
      const { body } = await other.http.get(`/v1/imports/${res.body.importId}`).set('Authorization', `Bearer ${KEYS.ingest}`).expect(200);
      expect(body).toEqual(before);
    } finally {
      await other.app.close();
    }
  });

  it('an upload whose process died is reported failed once it has made no progress for ten minutes', async () => {
    const [fresh, stale] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    await t.db.query(`INSERT INTO import_run (import_id, kind, format, read_rows, updated_at) VALUES
      ($1, 'contacts', 'csv', 10, now() - interval '9 minutes'), ($2, 'contacts', 'csv', 20, now() - interval '11 minutes')`, [fresh, stale]);
    expect(await statusOf(fresh)).toMatchObject({ state: 'running', read: 10 });
    expect(await statusOf(stale)).toMatchObject({
      state: 'failed', read: 20, error: 'the upload stopped before the end of the file (its connection or the service ended)',
    });
  });

  it('a client that sends Expect: 100-continue (curl does for files over 1 MB) is told to go on, and its file loads', async () => {
    const body = 'id,occurredAt,channel,source\ne1,2021-06-01T10:00:00Z,online,expect\n';
    const answer = await new Promise<{ status: number; text: string; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = httpRequest(`${t.baseUrl}/v1/imports?kind=contacts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.ingest}`, 'Content-Type': CSV, 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' },
      });
      req.on('continue', () => {
        continued = true;
        req.end(body);
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (b: Buffer) => (text += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, continued }));
      });
      req.on('error', reject);
    });
    expect(answer).toMatchObject({ status: 202, continued: true });
    expect(await settled(JSON.parse(answer.text).importId)).toMatchObject({ state: 'completed', counted: 1 });
  });

  it('is described in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs/json').expect(200);
    const post = body.paths['/v1/imports'].post;
    expect(post.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'kind', 'map', 'source']);
    expect(Object.keys(post.requestBody.content)).toEqual(['text/csv', 'application/x-ndjson']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '400', '413', '415']));
    expect(body.paths['/v1/imports/{importId}'].get.responses['200']).toBeDefined();
  });

  it('refuses what it cannot read: 413 over the limit (declared or streamed), 415 for the wrong type, 400 naming the problem', async () => {
    const declared = await rawRequest(t.baseUrl, {
      path: '/v1/imports?kind=contacts', headers: { Authorization: `Bearer ${KEYS.ingest}`, 'Content-Type': CSV, 'Content-Length': LIMIT + 1 },
    });
    expect(declared.status).toBe(413);
    const line = Buffer.from('x1,2021-01-01T00:00:00Z,online\n');
    const streamed = await rawRequest(t.baseUrl, {
      path: '/v1/imports?kind=contacts', headers: { Authorization: `Bearer ${KEYS.ingest}`, 'Content-Type': CSV },
      chunks: [Buffer.from('id,occurredAt,channel\n'), ...Array.from({ length: Math.ceil(LIMIT / line.length) + 10 }, () => line)],
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text).message).toBe(`the file is larger than ${LIMIT.toLocaleString('en-GB')} bytes`);

    await upload('kind=contacts', '{}', { 'Content-Type': 'application/json' }).expect(415);
    await upload('kind=contacts', 'id\n', { 'Content-Type': 'text/csv; charset=latin1' }).expect(415);
    await upload('kind=contacts', 'id\n', { 'Content-Encoding': 'compress' }).expect(415);
    const badKind = await upload('kind=cases', 'id\n').expect(400);
    expect(badKind.body.details[0].path).toBe('kind');
    const badMap = await upload('kind=contacts&map=nowhere', 'id\n').expect(400);
    expect(badMap.body.details).toEqual([{ path: 'map', problem: 'mapping file config/imports/nowhere.json: not found' }]);
    const connectVolumes = await upload('kind=volumes&format=amazon-connect', '{}', { 'Content-Type': 'application/x-ndjson' }).expect(400);
    expect(connectVolumes.body.details[0]).toEqual({ path: 'kind', problem: 'Amazon Connect records are contacts: use kind=contacts' });
    expect((await upload('kind=contacts', '').expect(400)).body.message).toMatch(/empty/);
    expect((await upload('kind=contacts', 'id,,channel\n').expect(400)).body.message).toBe('the file cannot be read: header cell 2 is empty: every column needs a name');
    const unclosed = await upload('kind=contacts', 'id,occurredAt,channel\n"x1,2021-01-01T00:00:00Z,online\n').expect(400);
    expect(unclosed.body.message).toBe('the file cannot be read: CSV unreadable after data row 0: a quoted cell is never closed');
  });

  it('asks for the right key: ingest to upload, any valid key to read; unknown imports are 404', async () => {
    await upload('kind=contacts', 'id\n', {}, 'not-a-valid-key-at-all').expect(401);
    await upload('kind=contacts', 'id\n', {}, KEYS.read).expect(403);
    await t.http.get('/v1/imports/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${KEYS.read}`).expect(404);
    await t.http.get('/v1/imports/nope').set('Authorization', `Bearer ${KEYS.read}`).expect(404);
    await t.http.get('/v1/imports/00000000-0000-4000-8000-000000000000').expect(401);
  });
});
