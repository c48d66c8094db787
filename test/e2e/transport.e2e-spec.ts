import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { junkArray, rawRequest } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';

const KEYS = {
  ingest: 'transport-ingest-0123456789abcdef',
  read: 'transport-read-0123456789abcdef',
  admin: 'transport-admin-0123456789abcdef',
  netcall: 'transport-netcall-0123456789abcdef',
  twoSources: 'transport-two-sources-0123456789',
};
const API_KEYS = [
  `ingest:${KEYS.ingest}`,
  `read:${KEYS.read}`,
  `admin:${KEYS.admin}`,
  `ingest@netcall:${KEYS.netcall}`,
  `ingest@netcall+civica:${KEYS.twoSources}`,
].join(',');
const bearer = (k: string) => ({ Authorization: `Bearer ${k}` });
const event = (id: string, extra: Record<string, unknown> = {}) => ({ id, occurredAt: '2021-05-05T12:00:00Z', channel: 'app', ...extra });
const MB = 1024 * 1024;

describe('transport: a body is read only after the key, the scope and its length are checked', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS, BODY_LIMIT_BYTES: String(MB) });
  });
  afterAll(() => t.close());

  const json = { 'Content-Type': 'application/json' };

  it('answers 401 and 403 without waiting for a declared body', async () => {
    // Only the headers are sent: an answer can come only from a server that does not read the body.
    const headers = { ...json, 'Content-Length': String(MB - 10) };
    expect((await rawRequest(t.baseUrl, { path: '/v1/contacts', headers }, 3000)).status).toBe(401);
    expect((await rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...headers, ...bearer(KEYS.read) } }, 3000)).status).toBe(403);
  });

  it('sends 100 Continue only to a caller that passed the key check', async () => {
    const body = JSON.stringify({ events: [event('continue-1')] });
    const expectContinue = (key?: string) =>
      new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
        let continued = false;
        const req = httpRequest(`${t.baseUrl}/v1/contacts`, {
          method: 'POST',
          agent: false,
          headers: { ...json, 'Content-Length': Buffer.byteLength(body), Expect: '100-continue', ...(key ? bearer(key) : {}) },
        });
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
          if (!continued) req.destroy();
        });
        req.on('error', (e) => (continued ? reject(e) : undefined));
        req.flushHeaders();
      });
    expect(await expectContinue()).toEqual({ status: 401, continued: false });
    expect(await expectContinue(KEYS.ingest)).toEqual({ status: 202, continued: true });
  });

  it('discards an unread body only up to the limit, then closes the connection', async () => {
    // A caller without a key streams an endless body after its 401.
    const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
    let written = 0;
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write('POST /v1/contacts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x20), Buffer.from('\r\n')]);
    const pump = () => {
      while (!socket.destroyed && written < 50 * MB) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(written).toBeLessThan(20 * MB);
  });

  it('answers 413 for a declared length over the limit before reading it', async () => {
    const res = await rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...json, 'Content-Length': String(MB + 1), ...bearer(KEYS.ingest) } }, 3000);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('cuts a chunked body off at the limit with 413', async () => {
    // An endless body: only a server that stops at the limit can answer.
    function* endless() {
      for (;;) yield Buffer.alloc(64 * 1024, 0x20);
    }
    const res = await rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...json, ...bearer(KEYS.ingest) }, chunks: endless() }, 5000);
    expect(res.status).toBe(413);
  });

  it('does not parse a body sent to a route that takes none', async () => {
    const res = await rawRequest(t.baseUrl, {
      method: 'GET',
      path: '/v1/stats/channels?period=2021',
      headers: { ...json, ...bearer(KEYS.read) },
      body: '{ not json',
    });
    expect(res.text).toMatch(/"total"/);
    expect(res.status).toBe(200);
  });

  it('refuses JSON nested too deep with a 400 naming the problem', async () => {
    const deep = `{"name":"deep","period":"2021","description":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await t.http.post('/v1/baselines').set(bearer(KEYS.admin)).set(json).send(deep).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/nested/) });
  });

  it('refuses unsupported content types, charsets and encodings with 415, and bytes that are not UTF-8 with 400', async () => {
    const body = JSON.stringify({ events: [event('ct-1')] });
    const post = (headers: Record<string, string>, payload: string | Buffer = body) =>
      rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...bearer(KEYS.ingest), ...headers }, body: payload });
    expect((await post({ 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post({})).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/json; charset=latin1' })).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/json; charset=no-such-charset' })).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' })).status).toBe(415);
    const refused = await post({ 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' });
    expect(JSON.parse(refused.text)).toMatchObject({ statusCode: 415, message: expect.stringMatching(/Content-Encoding/) });
    expect((await post({ 'Content-Type': 'application/json; charset=UTF-8' })).status).toBe(202);
    const notUtf8 = Buffer.concat([Buffer.from('{"events":[{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]}')]);
    const malformed = await post({ 'Content-Type': 'application/json' }, notUtf8);
    expect(JSON.parse(malformed.text)).toMatchObject({ statusCode: 400, message: expect.stringMatching(/UTF-8/) });
  });

  it('takes gzip, deflate and br bodies, measures the limit after decompression, and refuses corrupt ones', async () => {
    const body = Buffer.from(JSON.stringify({ events: [event('gz-1')] }));
    const post = (encoding: string, payload: Buffer) =>
      rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...bearer(KEYS.ingest), 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body: payload });
    expect((await post('gzip', gzipSync(body))).status).toBe(202);
    expect((await post('deflate', deflateSync(body))).status).toBe(202);
    expect((await post('br', brotliCompressSync(body))).status).toBe(202);
    const corrupt = await post('gzip', Buffer.concat([gzipSync(body).subarray(0, 12), Buffer.from('garbage garbage garbage')]));
    expect(corrupt.status).toBe(400);
    // 64 MB of spaces compress to ~64 kB: a bomb is cut at the limit, not inflated.
    const bomb = gzipSync(Buffer.alloc(64 * MB, 0x20));
    expect(bomb.length).toBeLessThan(MB);
    expect((await post('gzip', bomb)).status).toBe(413);
  });

  it('answers malformed JSON with 400 without quoting the body', async () => {
    const secret = 'CASE-REF-778899';
    const res = await t.http.post('/v1/contacts').set(bearer(KEYS.ingest)).set(json).send(`{"events":[{"caseRef": ${secret}}]}`).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/JSON/) });
    expect(res.text).not.toContain(secret);
  });

  it('caps an error answer: at most 1,000 details and one saying how many more, each string bounded', async () => {
    const many: Record<string, unknown> = { events: [event('cap-1')] };
    for (let i = 0; i < 5000; i++) many[`unknown_${i}`] = 1;
    const res = await t.http.post('/v1/contacts').set(bearer(KEYS.ingest)).send(many).expect(400);
    expect(res.body.details).toHaveLength(1001);
    expect(res.body.details[1000].problem).toMatch(/^4,\d{3} more problems not listed$/);

    const hugeName = 'k'.repeat(500_000);
    const one = await t.http.post('/v1/contacts').set(bearer(KEYS.ingest)).send({ events: [event('cap-2', { [hugeName]: 1 })], [hugeName]: 2 }).expect(400);
    expect(one.text.length).toBeLessThan(2000);
    expect(one.body.details.map((d: { problem: string }) => d.problem)).toEqual(['unknown field', 'unknown field']);
  });
});

describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS, CORS_ORIGINS: 'https://dashboard.example.gov.uk, http://localhost:8080' });
  });
  afterAll(() => t.close());

  it('sends nosniff and never X-Powered-By, on every kind of answer', async () => {
    const answers = await Promise.all([
      t.http.get('/health/live'),
      t.http.get('/no/such/route'),
      t.http.get('/v1/stats/channels?period=2021'),
      t.http.get('/v1/stats/channels?period=2021').set(bearer(KEYS.read)),
      t.http.get('/docs/json'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 401, 200, 200]);
    for (const a of answers) {
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps /docs working and public under the CSP, without secrets', async () => {
    const page = await t.http.get('/docs').redirects(1).expect(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/); // would break plain-http deployments
    const assets = [...page.text.matchAll(/(?:src|href)=["']([^"']+\.(?:js|css))["']/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    expect(page.text).not.toMatch(/<script>/); // no inline script for the CSP to block
    for (const asset of assets) {
      const res = await t.http.get(new URL(asset, `${t.baseUrl}/docs`).pathname).expect(200);
      expect(res.headers['content-type']).toMatch(/javascript|css/);
    }
    const everything = page.text + (await t.http.get('/docs/json').expect(200)).text + (await t.http.get('/docs/swagger-ui-init.js').expect(200)).text;
    for (const key of Object.values(KEYS)) expect(everything).not.toContain(key);
    expect(everything).not.toContain(t.env.PSEUDONYM_KEY);
  });

  it('documents the refusals of guards and the body reader on every operation in /docs', async () => {
    const doc = (await t.http.get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const post = doc.paths['/v1/contacts'].post.responses;
    for (const status of ['202', '400', '401', '403', '413', '415', '429']) expect(post).toHaveProperty(status);
    const read = doc.paths['/v1/stats/channels'].get.responses;
    for (const status of ['401', '403', '429']) expect(read).toHaveProperty(status);
    expect(read).not.toHaveProperty('413'); // no body, no body limit
    expect(doc.paths['/health/live'].get.responses).not.toHaveProperty('401');
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await t.http.get('/health/live').set('Origin', 'https://dashboard.example.gov.uk').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.example.gov.uk');
    const preflight = await t.http
      .options('/v1/contacts')
      .set('Origin', 'http://localhost:8080')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:8080');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i);
    const stranger = await t.http.get('/health/live').set('Origin', 'https://evil.example').expect(200);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('no CORS by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends no CORS headers without CORS_ORIGINS', async () => {
    const res = await t.http.get('/health/live').set('Origin', 'https://dashboard.example.gov.uk').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits by address before the key check, and by key after it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS, RATE_LIMIT_PER_MINUTE: '4', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  const from = (address: string) => ({ 'X-Forwarded-For': address });
  const stats = '/v1/stats/channels?period=2021';

  it('throttles callers without a valid key too, per client address behind a trusted proxy', async () => {
    for (let i = 0; i < 4; i++) await t.http.get(stats).set(from('203.0.113.1')).expect(401);
    const limited = await t.http.get(stats).set(from('203.0.113.1')).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client behind the same proxy has its own bucket.
    await t.http.get(stats).set(from('203.0.113.2')).expect(401);
  });

  it('counts a key once however its header is spelt, across addresses', async () => {
    const spellings = [`Bearer ${KEYS.read}`, `bearer ${KEYS.read}`, `Bearer  ${KEYS.read}`, `BEARER\t${KEYS.read}`];
    for (const [i, auth] of spellings.entries()) await t.http.get(stats).set(from(`198.51.100.${i}`)).set('Authorization', auth).expect(200);
    await t.http.get(stats).set(from('198.51.100.9')).set('Authorization', `bearer   ${KEYS.read}`).expect(429);
    await t.http.get('/health/live').set(from('198.51.100.9')).expect(200);
  });
});

describe('without TRUST_PROXY, X-Forwarded-For is ignored', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => t.close());

  it('keeps one bucket for the connecting address whatever the header says', async () => {
    await t.http.get('/v1/stats/channels?period=2021').set('X-Forwarded-For', '203.0.113.1').expect(200);
    await t.http.get('/v1/stats/channels?period=2021').set('X-Forwarded-For', '203.0.113.2').expect(200);
    await t.http.get('/v1/stats/channels?period=2021').set('X-Forwarded-For', '203.0.113.3').expect(429);
  });
});

describe('ingest keys bound to sources', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS });
  });
  afterAll(() => t.close());

  it('accepts only its own sources on contacts, naming the first other item with 403', async () => {
    await t.http.post('/v1/contacts').set(bearer(KEYS.netcall)).send({ events: [event('b1', { source: 'netcall' })] }).expect(202);
    const other = await t.http
      .post('/v1/contacts')
      .set(bearer(KEYS.netcall))
      .send({ events: [event('b2', { source: 'netcall' }), event('b3', { source: 'civica' }), event('b4')] })
      .expect(403);
    expect(other.body).toMatchObject({ statusCode: 403, details: [{ path: 'events[1].source' }] });
    const unsourced = await t.http.post('/v1/contacts').set(bearer(KEYS.netcall)).send({ events: [event('b5')] }).expect(403);
    expect(unsourced.body.details[0].path).toBe('events[0].source');
    await t.http
      .post('/v1/contacts')
      .set(bearer(KEYS.twoSources))
      .send({ events: [event('b6', { source: 'netcall' }), event('b7', { source: 'civica' })] })
      .expect(202);
    // An unbound key sends any source.
    await t.http.post('/v1/contacts').set(bearer(KEYS.ingest)).send({ events: [event('b8', { source: 'civica' }), event('b9')] }).expect(202);
  });

  it('binds volumes and conversations the same way', async () => {
    const volume = (source?: string) => ({ date: '2021-01-31', channel: 'webchat', count: 3, ...(source ? { source } : {}) });
    await t.http.post('/v1/volumes').set(bearer(KEYS.netcall)).send({ volumes: [volume('netcall')] }).expect(202);
    const v = await t.http.post('/v1/volumes').set(bearer(KEYS.netcall)).send({ volumes: [volume('netcall'), volume()] }).expect(403);
    expect(v.body.details[0].path).toBe('volumes[1].source');
    const conversation = { id: 'c1', caseRef: 'CASE-1', occurredAt: '2021-05-05T12:00:00Z', conversation: 1, completedBy: 'front_door', source: 'civica' };
    const c = await t.http.post('/v1/conversations').set(bearer(KEYS.netcall)).send({ events: [conversation] }).expect(403);
    expect(c.body.details[0].path).toBe('events[0].source');
  });
});

describe('a storm of large junk bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS });
  });
  afterAll(() => t.close());

  it('leaves the process up, answering and with a bounded heap', async () => {
    const junk = junkArray(10 * MB - 100); // ~3.5 million empty objects once parsed
    const numbers = Buffer.from(`{"events":[${'1,'.repeat(5 * MB - 10)}1]}`); // ~40 MB of heap once parsed
    const json = { 'Content-Type': 'application/json' };
    const send = (headers: Record<string, string>, body = junk) =>
      rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...json, ...headers }, body }, 120_000).catch((e: Error) => e);
    function* oversize() {
      for (let i = 0; i < 200; i++) yield Buffer.alloc(64 * 1024, 0x20);
    }
    const chunked = (headers: Record<string, string>) => rawRequest(t.baseUrl, { path: '/v1/contacts', headers: { ...json, ...headers }, chunks: oversize() }, 120_000).catch((e: Error) => e);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const before = process.memoryUsage().heapUsed;
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, () => send({})),
      ...Array.from({ length: 6 }, () => send(bearer(KEYS.read))),
      ...Array.from({ length: 6 }, () => send(bearer(KEYS.ingest))),
      ...Array.from({ length: 4 }, () => chunked({})),
      ...Array.from({ length: 4 }, () => chunked(bearer(KEYS.ingest))),
      ...Array.from({ length: 6 }, () => send(bearer(KEYS.ingest), numbers)),
    ]);
    clearInterval(sampler);
    const statuses = answers.map((a) => (a instanceof Error ? a.message : a.status));
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12, 18).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(18, 24).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(24, 28).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(28, 32).every((s) => s === 413)).toBe(true);
    expect(statuses.slice(32).every((s) => s === 400)).toBe(true);
    // Parsed, the junk would take ~250 MB of heap a body (over 1 GB here before the fix) and the
    // numbers ~40 MB. heapUsed also counts garbage not yet collected, hence the margin.
    expect(peak - before).toBeLessThan(400 * MB);
    await t.http.get('/health/live').expect(200);
    await t.http.post('/v1/contacts').set(bearer(KEYS.ingest)).send({ events: [event('after-storm')] }).expect(202);
  }, 180_000);
});
