import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CTR_CUSTOMER_SERVICES, CTR_RECORDS, CTR_SKIPS } from '../support/amazon-connect-records';
import { runImportCli, spawnImport } from '../support/import-cli';
import { EXPECTED_REJECTS, GOOD, SPREADSHEET } from '../support/spreadsheet';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, until } from '../support/worker-process';

const KEYS = { ingest: 'import-ingest-key-0123456789', read: 'import-read-key-0123456789' };
const GENERIC = 'config/imports/contacts-generic.json';

describe('npm run import (command line, through the HTTP API and the queue)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `ingest:${KEYS.ingest},read:${KEYS.read}` });
    dir = mkdtempSync(join(tmpdir(), 'ca-import-'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const run = (args: string[]) => runImportCli([...args, '--url', t.baseUrl], { CA_API_KEY: KEYS.ingest });
  const storedContacts = async (source = 'api') =>
    Number((await t.db.query('SELECT count(*) AS n FROM contact_event WHERE source = $1', [source]))[0].n);

  it('loads a spreadsheet CSV: good rows counted exactly, every bad row in the rejects file with its row number', async () => {
    const file = join(dir, 'contacts.csv');
    writeFileSync(file, SPREADSHEET);
    const first = await run(['contacts', file, '--map', GENERIC]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.summary).toEqual({ read: 14, accepted: 4, rejected: 9, skipped: 1, counted: 4, duplicates: 0 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toBe(EXPECTED_REJECTS.join('\r\n') + '\r\n');

    const { body } = await t.http.get('/v1/stats/channels?period=2021').set('Authorization', `Bearer ${KEYS.read}`).expect(200);
    const counts = Object.fromEntries(body.channels.filter((c: { count: number }) => c.count).map((c: { channel: string; count: number }) => [c.channel, c.count]));
    expect(counts).toEqual(GOOD);
    const [c1] = await t.db.query(`SELECT centre, wait_seconds, duration_seconds, satisfaction, outcome FROM contact_event WHERE source_id = 'c1'`);
    expect(c1).toEqual({ centre: 'customer_services', wait_seconds: 12, duration_seconds: 300, satisfaction: 4, outcome: 'resolved' });
    expect(await t.db.query(`SELECT source_id FROM contact_event WHERE source_id = 'c,2'`)).toHaveLength(1);

    const again = await run(['contacts', file, '--map', GENERIC]);
    expect(again.code).toBe(0);
    expect(again.summary).toEqual({ read: 14, accepted: 4, rejected: 9, skipped: 1, counted: 0, duplicates: 4 });
    expect(await storedContacts()).toBe(4);
  });

  it('an import killed mid-file and run again counts every contact once', async () => {
    const total = 40_000;
    const lines = ['id,occurredAt,channel,source'];
    for (let i = 0; i < total; i++) lines.push(`k${i},2021-06-${String(1 + (i % 30)).padStart(2, '0')}T10:00:00Z,${i % 3 ? 'online' : 'telephony'},killed`);
    const file = join(dir, 'killed.csv');
    writeFileSync(file, lines.join('\n'));
    const child = spawnImport(['contacts', file, '--url', t.baseUrl, '--batch-size', '500'], { CA_API_KEY: KEYS.ingest });
    await until(async () => (await storedContacts('killed')) >= 2_000, 120_000, 'the first batches to be counted');
    child.kill('SIGKILL');
    await exited(child);
    await t.drain();
    const before = await storedContacts('killed');
    expect(before).toBeLessThan(total);

    const rerun = await run(['contacts', file]);
    expect(rerun.code).toBe(0);
    expect(rerun.summary).toEqual({ read: total, accepted: total, rejected: 0, skipped: 0, counted: total - before, duplicates: before });
    expect(await storedContacts('killed')).toBe(total);
    expect(existsSync(`${file}.rejects.csv`)).toBe(false);
  });

  it('Amazon Connect records: channels, abandonment, speed of answer, service level, handling time and satisfaction as worked out by hand', async () => {
    const file = join(dir, 'ctr.ndjson');
    writeFileSync(file, CTR_RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const result = await run(['contacts', file, '--format', 'amazon-connect', '--map', 'config/imports/amazon-connect.json']);
    expect(result.code).toBe(0);
    expect(result.summary).toEqual({ read: 14, accepted: 9, rejected: 1, skipped: 4, counted: 9, duplicates: 0 });
    for (const reason of new Set(Object.values(CTR_SKIPS))) {
      const n = Object.values(CTR_SKIPS).filter((r) => r === reason).length;
      expect(result.stdout).toContain(`skipped ${n}: ${reason}`);
    }
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toMatch(/^row,problem,record\r\n14,"occurredAt: must be an ISO 8601/);

    const read = (path: string) => t.http.get(path).set('Authorization', `Bearer ${KEYS.read}`).expect(200);
    const channels = (await read('/v1/stats/channels?period=2021-05&source=amazon_connect')).body;
    const counts = Object.fromEntries(channels.channels.filter((c: { count: number }) => c.count).map((c: { channel: string; handling: string; count: number }) => [`${c.channel}/${c.handling}`, c.count]));
    expect(counts).toEqual({ 'telephony/assisted': 4, 'switchboard/self_service': 1, 'chatbot/self_service': 2, 'webchat/assisted': 1, 'email/assisted': 1 });
    const centres = (await read('/v1/stats/centres?period=2021-05&source=amazon_connect')).body.centres;
    const cs = centres.find((c: { centre: string }) => c.centre === 'customer_services');
    expect(cs.contacts).toBe(CTR_CUSTOMER_SERVICES.contacts);
    for (const [metric, value] of Object.entries(CTR_CUSTOMER_SERVICES)) {
      if (typeof value === 'number') expect([metric, cs[metric]]).toEqual([metric, expect.closeTo(value, 12)]);
      else expect(cs[metric]).toEqual(value);
    }
    const chatbot = (await read('/v1/stats/chatbot?period=2021-05&source=amazon_connect')).body;
    expect({ chatbot: chatbot.chatbot, escalated: chatbot.escalated, containment: chatbot.containment, webchat: chatbot.webchat })
      .toEqual({ chatbot: 2, escalated: 1, containment: 0.5, webchat: 1 });
  });

  it('exits non-zero when the service refuses the key, or cannot be reached', async () => {
    const file = join(dir, 'one.csv');
    writeFileSync(file, 'id,occurredAt,channel\nx1,2021-01-01T00:00:00Z,online\n');
    const refused = await runImportCli(['contacts', file, '--url', t.baseUrl, '--key', 'not-a-key']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused the key \(401/);
    const wrongScope = await runImportCli(['contacts', file, '--url', t.baseUrl, '--key', KEYS.read]);
    expect(wrongScope.code).toBe(1);
    expect(wrongScope.stderr).toMatch(/refused the key \(403/);
    const unreachable = await runImportCli(['contacts', file, '--url', 'http://127.0.0.1:9', '--key', KEYS.ingest]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/could not reach the service/);
    expect(await storedContacts()).toBe(4);
  });
});
