import JSZip from 'jszip';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchReport, reportArgs } from '../../src/cli/report';
import { readAppendix1 } from '../../src/seed/appendix1';
import { readWebsiteYears } from '../../src/seed/website';
import { startTestApp, TestApp } from '../support/test-app';

const KEYS = { ingest: 'ingest-key-0123456789abcdef', read: 'read-key-0123456789abcdef0', admin: 'admin-key-0123456789abcdef' };
const bearer = (scope: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[scope]}` });

/** The seed's Appendix 1, row by row, as it prints it (counts with thousands separators). */
const APPENDIX1 = [
  ['Online Self Service', '445,735'], ['VA Self-Service Apps', '8,898'], ['VA Self-Service Switchboard', '69,676'],
  ['VA Assisted Switchboard', '27,123'], ['Telephony', '62,966'], ['Online Assisted', '15,440'], ['Web Chat (Civica)', '929'],
  ['Paper Applications', '2,143'], ['Postal Evidence (Civica)', '3,773'],
];
const SPLIT = [['Assisted Contacts', '112,374', '18%'], ['Self Service Contacts', '524,309', '82%']];

/** The text of a .docx: word/document.xml with its tags stripped (Word splits text into runs). */
async function docxText(body: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

/** supertest's parser for a binary body. */
function binary(res: NodeJS.ReadableStream, done: (e: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('the Customer Experience report', () => {
  let t: TestApp;
  const get = (path: string) => t.http.get(path).set(bearer('read'));
  const report = async (query: string) => (await get(`/v1/reports/customer-experience?${query}`).expect(200)).text;

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `ingest:${KEYS.ingest},read:${KEYS.read},admin:${KEYS.admin}` });
    const volumes = readAppendix1().map((r) => ({
      date: '2021-11-15', channel: r.channel, handling: r.handling, ...(r.source ? { source: r.source } : {}), count: r.contacts,
    }));
    await t.http.post('/v1/volumes').set(bearer('ingest')).send({ volumes }).expect(202);
    await t.http.post('/v1/conversations').set(bearer('ingest')).send({
      events: [
        { id: 'c1', caseRef: 'CASE-1', occurredAt: '2021-11-16T10:00:00Z', conversation: 0, completedBy: 'self_service' },
        { id: 'c2', caseRef: 'CASE-2', occurredAt: '2021-11-16T11:00:00Z', conversation: 1, completedBy: 'front_door' },
      ],
    }).expect(202);
    await t.drain();
    for (const { year, ...counts } of readWebsiteYears()) {
      await t.http.put(`/v1/web-analytics/${year}`).set(bearer('ingest')).send(counts).expect(200);
    }
    for (const [period, value] of [['FY2021-22-Q3', 84], ['FY2021-22-Q2', 82], ['FY2020-21-Q3', 98]] as const) {
      await t.http.put(`/v1/indicators/compliments_received/values/${period}`).set(bearer('ingest')).send({ value }).expect(200);
    }
  });
  afterAll(() => t.close());

  it("reproduces the seed's Appendix 1 tables to the character in Markdown", async () => {
    const md = await report('period=2021&format=md');
    const lines = md.split('\n');
    const first = lines.indexOf(`| ${APPENDIX1[0].join(' | ')} |`);
    expect(lines.slice(first, first + APPENDIX1.length)).toEqual(APPENDIX1.map((r) => `| ${r.join(' | ')} |`));
    for (const row of SPLIT) expect(lines).toContain(`| ${row.join(' | ')} |`);
    expect(md).toContain('| 2020 | 1,929,574 | 36.58% | 3,829,276 | 33.17% | 24,190,538 | 20.63% |');
    expect(md).toContain('| 2021 | 2,757,610 | 42.91% | 5,022,330 | 31.16% | 28,151,029 | 16.37% |');
  });

  it('reproduces them in HTML, with accessible tables, inline SVG charts, no script and nothing from other hosts', async () => {
    const res = await get('/v1/reports/customer-experience?period=2021&format=html').expect(200);
    expect(res.headers['content-disposition']).toBe('inline; filename="customer-experience-2021-01-01-2021-12-31.html"');
    // The service's Content-Security-Policy allows no script and nothing from other hosts.
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const html = res.text;
    const rows = APPENDIX1.map(([label, n]) => `<tr><th scope="row">${label}</th><td class="num">${n}</td></tr>`);
    expect(html).toContain(rows.join('\n'));
    for (const [label, n, p] of SPLIT) expect(html).toContain(`<tr><th scope="row">${label}</th><td class="num">${n}</td><td class="num">${p}</td></tr>`);
    expect(html).toContain('<caption>Contacts by channel</caption>');
    expect(html).toMatch(/<svg role="img" aria-label="Contacts by channel"/);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)|(src|href)\s*=/i);
  });

  it('reproduces them in CSV as section,label,value,percent with raw numbers', async () => {
    const res = await get('/v1/reports/customer-experience?period=2021&format=csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('section,label,value,percent');
    expect(lines).toEqual(expect.arrayContaining([
      'contacts,Online Self Service: Contacts,445735,', 'contacts,Postal Evidence (Civica): Contacts,3773,',
      'contacts,Assisted Contacts,112374,18', 'contacts,Self Service Contacts,524309,82',
      'website,2020: % Increase users year on year,36.58,',
    ]));
  });

  it('reproduces them in a Word document', async () => {
    const res = await get('/v1/reports/customer-experience?period=2021&format=docx').buffer(true).parse(binary as unknown as (res: unknown, done: unknown) => void).expect(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(res.body as Buffer);
    expect(text).toContain(APPENDIX1.map((r) => r.join('')).join(''));
    expect(text).toContain(SPLIT.map((r) => r.join('')).join(''));
    expect(text).toContain('20212,757,61042.91%');
    // Every chart of the HTML, as SVG with the PNG Word requires beside it, named for screen readers.
    const charts = JSON.parse(await report('period=2021')).sections.flatMap((s: { charts: { title: string }[] }) => s.charts);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(charts.length);
    expect(media.filter((f) => f.endsWith('.png'))).toHaveLength(charts.length);
    const png = await zip.file(media.find((f) => f.endsWith('.png'))!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('descr="Contacts by channel; its figures are in the table above."');
  });

  it("writes the scorecard in the council's columns, with the seed's sentence for compliments", async () => {
    const md = await report('period=FY2021-22-Q3&format=md');
    expect(md).toContain('| Indicator title | RAG | Direction of travel | Performance details | Current activity | Future activity |');
    expect(md).toContain('| Compliments received | No Status | N/A | 84 compliments received in October–December 2021, an increase of 2 (2.4%) '
      + 'compared with the preceding three months, but 14 (14.3%) less than the 98 in October–December 2020. |  |  |');
    const html = await report('period=FY2021-22-Q3&format=html');
    expect(html).toMatch(/<svg role="img" aria-label="Compliments received"/);
  });

  it('says there were no contacts in an empty period, in words', async () => {
    const body = JSON.parse(await report('period=2019-06'));
    expect(body.contacts).toBe(0);
    expect(body.sections[0].paragraphs).toEqual(['No contacts in this period.']);
    expect(await report('period=2019-06&format=md')).toContain('\nNo contacts in this period.\n');
    expect(await report('period=2019-06&format=html')).toContain('<p>No contacts in this period.</p>');
  });

  it('compares tiers with the newest baseline, or says there is none', async () => {
    expect(await report('period=2021&format=md')).toContain('No baseline to compare with');
    expect(JSON.parse(await report('period=2021')).baseline).toBeNull();
    await t.http.post('/v1/baselines').set(bearer('admin')).send({ name: 'nov_2021', period: '2021-11' }).expect(201);
    const body = JSON.parse(await report('period=2021'));
    expect(body.baseline).toEqual({ name: 'nov_2021', from: '2021-11-01', to: '2021-11-30' });
    const tiers = body.sections.find((s: { id: string }) => s.id === 'tiers');
    expect(tiers.tables[0].rows[0]).toEqual(['Tier 0', 1, 0.5, 1, 0.5, 0, 1, false]);
    await get('/v1/reports/customer-experience?period=2021&baseline=nope').expect(404);
    await get('/v1/reports/customer-experience?period=2021&format=pdf').expect(400);
    await get('/v1/reports/customer-experience').expect(400);
  });

  it('is written to a file by the CLI, which takes the key from CA_API_KEY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-report-'));
    try {
      const out = join(dir, 'report.docx');
      const args = reportArgs(['--period', '2021', '--format', 'docx', '--out', out, '--url', `${t.baseUrl}/`], { CA_API_KEY: KEYS.read });
      expect(args).toMatchObject({ url: t.baseUrl, key: KEYS.read, period: '2021', format: 'docx', out });
      expect(await docxText(await fetchReport(args))).toContain(SPLIT.map((r) => r.join('')).join(''));
      await expect(fetchReport({ ...args, key: KEYS.ingest })).rejects.toThrow(/answered 403/);
      expect(() => reportArgs(['--format', 'md'], {})).toThrow(/--period is required/);
      expect(() => reportArgs(['--period', '2021', '--format', 'pdf'], {})).toThrow(/--format must be one of/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
