import * as fc from 'fast-check';
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every endpoint: 10,000 generated requests — malformed, oversized,
 * deeply nested, wrongly typed, Unicode-edge, with and without keys — and none may get a 5xx,
 * take the process down, or leave a 202 uncounted. Seeded, so a failure reproduces.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const KEYS = { ingest: 'fuzz-ingest-key-0123456789', read: 'fuzz-read-key-0123456789ab', admin: 'fuzz-admin-key-0123456789a' };
const BODY_LIMIT = 64 * 1024;

const config = loadReferenceConfig('config');
const CHANNELS = [...config.channelByName.keys()];
const CENTRES = config.centreNames;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** the items a 202 would have accepted, to count what must be stored */
  kind?: 'contacts' | 'conversations' | 'volumes';
  items?: unknown[];
}

// ---- values at the edges ----------------------------------------------------------------------
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const edgyText = fc.string({
  maxLength: 40,
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 1, arbitrary: control },
    { weight: 1, arbitrary: fc.constantFrom('\u007f', '\ufffd', '\ufeff', '\u200b', '😀', '\\', '"', '\t', '%00') },
  ),
});
const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
/** Nested arrays as values (shallow enough to build here), and as text up to 20,000 deep in raw bodies. */
const deep = fc.integer({ min: 1, max: 200 }).map((n) => JSON.parse(nested(n)) as unknown);
const deepBody = fc
  .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('{"events":[{"id":"d","caseRef":%}]}', '{"name":"d","period":"2021","description":%}', '%'))
  .map(([n, shape]) => Buffer.from(shape.replace('%', nested(n))));
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  edgyText,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53, '', ' ', 'x'.repeat(300)),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(edgyText, fc.integer(), { maxKeys: 3 }),
  deep,
);
/** Mostly a valid value, sometimes junk: enough valid batches get through for the count to matter. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 60, arbitrary: valid }, { weight: 1, arbitrary: junkValue });

const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2022, 11, 31) })
  .chain((ms) =>
    fc.constantFrom(new Date(ms).toISOString(), new Date(ms).toISOString().replace('.000Z', 'Z'), new Date(ms).toISOString().replace('Z', '+01:00')),
  );
const smallId = fc.integer({ min: 0, max: 400 }).map((n) => `f-${n}`); // repeats across batches on purpose
const source = fc.constantFrom(undefined, 'netcall', 'civica', 'api');

const contactEvent = fc.record(
  {
    id: mostly(fc.oneof({ weight: 12, arbitrary: smallId }, { weight: 1, arbitrary: edgyText })),
    source: mostly(source),
    occurredAt: mostly(instant),
    channel: mostly(fc.constantFrom(...CHANNELS)),
    handling: mostly(fc.constantFrom(undefined, undefined, undefined, undefined, 'self_service', 'assisted')),
    centre: mostly(fc.constantFrom(undefined, ...CENTRES)),
    service: mostly(fc.constantFrom(undefined, 'blue_badge', 'council_tax')),
    outcome: mostly(fc.constantFrom(undefined, 'resolved', 'abandoned', 'escalated')),
    waitSeconds: mostly(fc.option(fc.nat({ max: 600 }), { nil: undefined })),
    satisfaction: mostly(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined })),
    caseRef: mostly(fc.option(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('C-1', 'C-2', 'Ref ß 😀') }, { weight: 1, arbitrary: edgyText }), { nil: undefined })),
    extra: fc.option(junkValue, { freq: 20, nil: undefined }),
  },
  { requiredKeys: ['id', 'occurredAt', 'channel'] },
);
const conversationEvent = fc.record(
  {
    id: mostly(smallId),
    source: mostly(source),
    caseRef: mostly(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('C-1', 'C-2', 'C-3') }, { weight: 1, arbitrary: edgyText })),
    occurredAt: mostly(instant),
    conversation: mostly(fc.constantFrom(0, 1, 2, 3)),
    completedBy: mostly(fc.constantFrom('social_work_team', 'social_work_team', 'front_door', 'self_service')),
    safeguarding: mostly(fc.option(fc.boolean(), { nil: undefined })),
  },
  { requiredKeys: ['id', 'caseRef', 'occurredAt', 'conversation', 'completedBy'] },
);
const volume = fc.record(
  {
    date: mostly(fc.constantFrom('2021-01-31', '2021-03-28', '2021-10-31', '2021-12-25', '2022-03-31')),
    channel: mostly(fc.constantFrom(...CHANNELS)),
    handling: mostly(fc.constantFrom(undefined, undefined, undefined, undefined, 'self_service', 'assisted')),
    source: mostly(source),
    centre: mostly(fc.constantFrom(undefined, ...CENTRES)),
    count: mostly(fc.nat({ max: 1000 })),
  },
  { requiredKeys: ['date', 'channel', 'count'] },
);

// ---- requests ----------------------------------------------------------------------------------
const auth = fc.constantFrom<Record<string, string>>(
  { authorization: `Bearer ${KEYS.admin}` },
  { authorization: `Bearer ${KEYS.admin}` },
  { authorization: `Bearer ${KEYS.admin}` },
  { authorization: `Bearer ${KEYS.ingest}` },
  { authorization: `Bearer ${KEYS.ingest}` },
  { authorization: `Bearer ${KEYS.read}` },
  { authorization: `bearer  ${KEYS.admin}` },
  { authorization: 'Bearer wrong-key-0123456789' },
  { authorization: 'Basic Zm9vOmJhcg==' },
  {},
);
const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');
const withJson = { 'content-type': 'application/json' };

const batchRequest = (path: string, key: string, kind: FuzzRequest['kind'], item: fc.Arbitrary<unknown>) =>
  fc.record({ items: fc.array(item, { minLength: 0, maxLength: 4 }), headers: auth, wrap: fc.nat({ max: 30 }) }).map(
    ({ items, headers, wrap }): FuzzRequest => {
      const cleaned = items.map((i) => dropUndefined(i as Record<string, unknown>));
      const body = wrap === 0 ? cleaned : wrap === 1 ? { [key]: cleaned, note: 'x' } : { [key]: cleaned };
      return { method: 'POST', path, headers: { ...withJson, ...headers }, body: json(body), kind, items: cleaned };
    },
  );

const STATS = ['channels', 'channel-shift', 'chatbot', 'centres', 'services', 'costs', 'tiers', 'tiers/flows'];
const queryValue = fc.oneof(
  fc.constantFrom('2021', '2021-12', 'FY2021-22', 'FY2021-22-Q3', '2021-02-30', 'FY2021-23', '', '%00', '%ZZ', '9'.repeat(400)),
  edgyText.map(percentEncoded),
);
const statsRequest = fc
  .record({
    endpoint: fc.constantFrom(...STATS),
    period: fc.option(fc.constantFrom('period=2021', 'period=FY2021-22-Q3', 'period=2021-10', 'from=2021-01-01&to=2021-03-31'), { freq: 4, nil: undefined }),
    params: fc.array(fc.tuple(fc.constantFrom('period', 'from', 'to', 'by', 'interval', 'centre', 'format', 'source', 'x'), queryValue), { maxLength: 3 }),
    headers: auth,
  })
  .map(({ endpoint, period, params, headers }): FuzzRequest => ({
    method: 'GET',
    path: `/v1/stats/${endpoint}?${[...(period ? [period] : []), ...params.map(([k, v]) => `${k}=${v}`)].join('&')}`,
    headers,
  }));

const otherRequest = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    path: fc.oneof(
      fc.constantFrom('/', '/health/live', '/health/ready', '/docs/json', '/v1/ingestion/status', '/v1/baselines', '/v1/ingestion/dead-letters'),
      fc.uuid().map((u) => `/v1/ingestion/batches/${u}`),
      fc.uuid().map((u) => `/v1/ingestion/dead-letters/${u}/retry`),
      fc.uuid().map((u) => `/v1/ingestion/dead-letters/${u}`),
      edgyText.map((s) => `/v1/baselines/${percentEncoded(s)}/comparison?period=2021`),
      edgyText.map((s) => `/v1/${percentEncoded(s)}`),
    ),
    headers: auth,
    body: fc.option(junkValue.map(json), { nil: undefined }),
  })
  .map(({ method, path, headers, body }): FuzzRequest => ({ method, path, headers: body ? { ...withJson, ...headers } : headers, body }));

const baselineRequest = fc
  .record({
    name: mostly(fc.stringMatching(/^[a-z0-9_]{1,10}$/)),
    period: mostly(fc.constantFrom('2021', 'FY2021-22', '2021-13')),
    description: fc.option(junkValue, { nil: undefined }),
    headers: auth,
  })
  .map(({ headers, ...body }): FuzzRequest => ({ method: 'POST', path: '/v1/baselines', headers: { ...withJson, ...headers }, body: json(dropUndefined(body)) }));

/** Bodies no client should send: wrong types, encodings and charsets, bytes that are not JSON. */
const rawRequest = fc
  .record({
    path: fc.constantFrom('/v1/contacts', '/v1/conversations', '/v1/volumes', '/v1/baselines'),
    contentType: fc.constantFrom(
      'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=klingon',
      'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset="utf-8"; x=1', 'APPLICATION/JSON',
    ),
    encoding: fc.constantFrom(undefined, undefined, 'gzip', 'deflate', 'br', 'compress', 'identity', 'gzip, gzip'),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc.constantFrom('{"events": [', '{"events": [{}]}', 'null', '[]', '"x"', '{"__proto__": {"x": 1}, "events": []}', '\ufeff{"events":[]}')
        .map((s) => Buffer.from(s)),
      deepBody,
      fc.constantFrom(Buffer.from([0xc3, 0x28, 0x7b]), Buffer.from('{"events":[{"id":"\xff\xfe"}]}', 'latin1')),
      fc.integer({ min: 1, max: 4 }).map((n) => Buffer.alloc(BODY_LIMIT * n + 1, '[')),
    ),
    gzipFirst: fc.boolean(),
    headers: auth,
  })
  .map(({ path, contentType, encoding, payload, gzipFirst, headers }): FuzzRequest => ({
    method: 'POST',
    path,
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}), ...(encoding ? { 'content-encoding': encoding } : {}) },
    body: encoding === 'gzip' && gzipFirst ? gzipSync(payload) : payload,
  }));

const anyRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 5, arbitrary: batchRequest('/v1/contacts', 'events', 'contacts', contactEvent) },
  { weight: 2, arbitrary: batchRequest('/v1/conversations', 'events', 'conversations', conversationEvent) },
  { weight: 2, arbitrary: batchRequest('/v1/volumes', 'volumes', 'volumes', volume) },
  { weight: 3, arbitrary: statsRequest },
  { weight: 1, arbitrary: baselineRequest },
  { weight: 2, arbitrary: otherRequest },
  { weight: 3, arbitrary: rawRequest },
);

/** Every UTF-8 byte percent-encoded (encodeURIComponent throws on a lone surrogate). */
function percentEncoded(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  if (!o || typeof o !== 'object') return o;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---- the run -----------------------------------------------------------------------------------
interface Answer { status: number; body: string; contentType: string }

function send(baseUrl: string, agent: Agent, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Node's client sends a GET body without a length unless told: the server would read it as the next request.
    const headers = r.body ? { ...r.headers, 'content-length': String(r.body.length) } : r.headers;
    const req = request(`${baseUrl}${r.path}`, { method: r.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') }));
      res.on('error', reject);
    });
    // A server may answer (401, 413, 415) and close before reading an unwanted body: that is not a failure.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: -1, body: '', contentType: '' }) : reject(e)));
    req.end(r.body);
  });
}

describe(`fuzzing every endpoint with ${RUNS} generated requests`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      API_KEYS: `ingest:${KEYS.ingest},read:${KEYS.read},admin:${KEYS.admin}`,
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
    });
  });
  afterAll(() => t.close());

  it('answers no 5xx, stays up, and counts every accepted item exactly once', async () => {
    const requests = fc.sample(anyRequest, { numRuns: RUNS, seed: SEED });
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const accepted = { contacts: new Set<string>(), conversations: new Set<string>(), volumes: new Set<string>() };
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++];
        const answer = await send(t.baseUrl, agent, r);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500 || answer.status === 0) failures.push(`${r.method} ${r.path.slice(0, 80)} → ${answer.status} ${answer.body.slice(0, 200)}`);
        if (answer.status >= 400 && answer.status < 500 && !isErrorShape(answer)) failures.push(`${r.method} ${r.path.slice(0, 80)} → ${answer.status} not in the error shape: ${answer.body.slice(0, 200)}`);
        if (answer.status === 202 && r.kind) for (const item of r.items ?? []) accepted[r.kind].add(keyOf(r.kind, item as Record<string, unknown>));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    agent.destroy();
    console.log(`fuzz answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);

    expect(failures.slice(0, 20)).toEqual([]);
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
    // Both answers were exercised: the run means something only if many requests were accepted and many refused.
    expect(statuses.get(202) ?? 0).toBeGreaterThan(RUNS / 40);
    expect([...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(RUNS / 4);

    await t.drain(120_000);
    const [contacts, conversations, volumes] = await Promise.all(
      ['contact_event', 'conversation_event', 'contact_volume'].map(async (table) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number),
    );
    expect({ contacts, conversations, volumes }).toEqual({
      contacts: accepted.contacts.size, conversations: accepted.conversations.size, volumes: accepted.volumes.size,
    });
    const [{ n: aggregated }] = await t.db.query(`SELECT coalesce(sum(contacts), 0)::int AS n FROM contact_stats WHERE grain = 'm'`);
    const [{ n: volumeTotal }] = await t.db.query('SELECT coalesce(sum(count), 0)::int AS n FROM contact_volume');
    expect(aggregated).toBe(contacts + volumeTotal);
  });
});

function isErrorShape(a: Answer): boolean {
  if (a.status === -1) return true;
  try {
    const body = JSON.parse(a.body) as { statusCode?: number; error?: string; message?: string };
    return body.statusCode === a.status && typeof body.error === 'string' && typeof body.message === 'string';
  } catch {
    return false;
  }
}

/** The key under which an accepted item is stored once (a volume's key replaces its count). */
function keyOf(kind: 'contacts' | 'conversations' | 'volumes', item: Record<string, unknown>): string {
  if (kind !== 'volumes') return JSON.stringify([item.source ?? 'api', item.id]);
  const handling = item.handling ?? config.defaultHandling(item.channel as string);
  return JSON.stringify([item.date, item.channel, handling, item.source ?? 'api', item.centre ?? null, item.service ?? null]);
}
