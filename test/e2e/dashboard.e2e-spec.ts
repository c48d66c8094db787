/// <reference lib="dom" />
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { Rec, select } from '../support/contact-model';
import { launchChromium, settled, watchProblems } from '../support/browser';
import { seedDashboardYear } from '../support/dashboard-seed';
import { startTestApp, TestApp } from '../support/test-app';

const ARTIFACTS = 'test/artifacts';
const en = (n: number) => n.toLocaleString('en-GB');
const weight = (rs: Rec[]) => rs.reduce((s, r) => s + r.weight, 0);
const FY = { from: '2021-04-01', to: '2022-03-31' };
const Q3 = { from: '2021-10-01', to: '2021-12-31' };
const CHARTS = ['mix', 'shift', 'chatbot', 'centres', 'services', 'costs', 'tiers', 'flows', 'baseline'];

/** One CSV line's cells (RFC 4180 quoting). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
}

/** The text of every body cell of a card's table, row by row. */
async function tableRows(page: Page, id: string, index = 0): Promise<string[][]> {
  return page.$$eval(`#${id}-table table:nth-of-type(${index + 1}) tbody tr`, (rows) =>
    rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
}

describe('the dashboard at / in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let recs: Rec[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp();
    recs = await seedDashboardYear(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, viewport = { width: 1366, height: 768 }) {
    const page = await browser.newPage({ viewport });
    const problems = await watchProblems(page);
    const res = await page.goto(`${t.baseUrl}${path}`);
    return { page, problems, status: res?.status(), csp: res?.headers()['content-security-policy'] };
  }

  it('draws every chart from the API, with the same figures in its tables, under a strict CSP and without errors', async () => {
    const { page, problems, status, csp } = await open('/?period=FY2021-22');
    expect(status).toBe(200);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await settled(page, 'ready');
    for (const id of CHARTS) {
      expect(await page.$(`#${id}-chart[data-drawn="true"] canvas`)).not.toBeNull();
    }
    // Total: counted without the service.
    expect(await page.textContent('#tile-total-value')).toBe(en(weight(select(recs, FY, {}))));
    // Tables against the API's own answers.
    const channels = (await t.http.get('/v1/stats/channels?period=FY2021-22').expect(200)).body;
    const mix = await tableRows(page, 'mix');
    expect(mix.map((r) => r[2])).toEqual(channels.channels.map((c: { count: number }) => en(c.count)));
    const shift = (await t.http.get('/v1/stats/channel-shift?period=FY2021-22').expect(200)).body;
    expect((await tableRows(page, 'shift')).map((r) => r[1])).toEqual(shift.series.map((s: { total: number }) => en(s.total)));
    const chatbot = (await t.http.get('/v1/stats/chatbot?period=FY2021-22').expect(200)).body;
    expect((await tableRows(page, 'chatbot')).map((r) => [r[1], r[4]])).toEqual(
      chatbot.series.map((s: { chatbot: number; webchat: number }) => [en(s.chatbot), en(s.webchat)]));
    const tiers = (await t.http.get('/v1/stats/tiers?period=FY2021-22').expect(200)).body;
    expect((await tableRows(page, 'tiers')).map((r) => r[1])).toEqual(tiers.tiers.map((s: { cases: number }) => en(s.cases)));
    const flows = (await t.http.get('/v1/stats/tiers/flows?period=FY2021-22').expect(200)).body;
    expect((await tableRows(page, 'flows')).map((r) => r[2])).toEqual(flows.journeys.map((j: { cases: number }) => en(j.cases)));
    const services = (await t.http.get('/v1/stats/services?period=FY2021-22').expect(200)).body;
    expect((await tableRows(page, 'services')).map((r) => r[2])).toEqual(services.services.map((s: { assisted: number }) => en(s.assisted)));
    const kpis = (await t.http.get('/v1/kpis?period=FY2021-22').expect(200)).body;
    expect((await page.$$eval('#scorecard tbody tr .tag', (tags) => tags.map((s) => s.textContent)))).toEqual(
      kpis.indicators.map((k: { rag: string }) => k.rag));
    const comparison = (await t.http.get('/v1/baselines/april_2021/comparison?period=FY2021-22').expect(200)).body;
    expect((await tableRows(page, 'baseline')).map((r) => r[7])).toEqual(
      comparison.tiers.map((s: { significant: boolean }) => (s.significant ? 'Significant' : 'Not significant')));
    expect(problems).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-1366x768.png`, fullPage: true });
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-1366x768-first-screen.png` });
    await page.close();
  });

  it('changes the figures with the period and the centre, kept in the URL', async () => {
    const { page, problems } = await open('/?period=FY2021-22');
    await settled(page, 'ready');
    await Promise.all([page.waitForURL(/period=FY2021-22-Q3/), page.selectOption('#period', 'FY2021-22-Q3')]);
    await settled(page, 'ready');
    expect(await page.textContent('#tile-total-value')).toBe(en(weight(select(recs, Q3, {}))));
    await Promise.all([page.waitForURL(/centre=customer_services/), page.selectOption('#centre', 'customer_services')]);
    await settled(page, 'ready');
    expect(page.url()).toContain('period=FY2021-22-Q3');
    expect(await page.textContent('#tile-total-value')).toBe(en(weight(select(recs, Q3, { centre: 'customer_services' }))));
    await page.goto(`${t.baseUrl}/?from=2021-11-17&to=2022-02-03`);
    await settled(page, 'ready');
    expect(await page.textContent('#tile-total-value')).toBe(en(weight(select(recs, { from: '2021-11-17', to: '2022-02-03' }, {}))));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('moves "today so far" within seconds of a batch being counted', async () => {
    const { page, problems } = await open('/?period=FY2021-22');
    await settled(page, 'ready');
    await page.waitForFunction(() => document.querySelector('#live-total')?.textContent !== '–');
    const before = Number((await page.textContent('#live-total'))!.replace(/,/g, ''));
    const at = new Date(Date.now() - 60_000).toISOString();
    const events = Array.from({ length: 7 }, (_, i) => ({ id: `live-${i}`, occurredAt: at, channel: 'telephony' }));
    await t.http.post('/v1/contacts').send({ events }).expect(202);
    await page.waitForFunction((n) => document.querySelector('#live-total')?.textContent === n, en(before + 7), { timeout: 10_000 });
    expect(await page.getAttribute('#live-updated', 'datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works at tablet size', async () => {
    const { page, problems } = await open('/?period=FY2021-22', { width: 820, height: 1180 });
    await settled(page, 'ready');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-820x1180.png`, fullPage: true });
    // The long page in screen-sized parts too, legible at full size.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, part = 1; y < height; y += 1180, part++) {
      await page.screenshot({ path: `${ARTIFACTS}/dashboard-820x1180-part${part}.png`, fullPage: true, clip: { x: 0, y, width: 820, height: Math.min(1180, height - y) } });
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says what to do when the period has no contacts', async () => {
    const { page, problems } = await open('/?period=2019');
    await settled(page, 'empty');
    expect(await page.isVisible('#empty')).toBe(true);
    expect(await page.textContent('#empty')).toContain('No contacts in this period — send some to POST /v1/contacts or run npm run demo');
    expect(await page.textContent('#tile-total-value')).toBe('0');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows errors: a bad period on the page, and a failing call with what to try', async () => {
    const bad = await open('/?period=2021-13');
    expect(bad.status).toBe(400);
    await settled(bad.page, 'error');
    expect(await bad.page.textContent('#error')).toMatch(/period/);
    await bad.page.close();
    // The statistics call refused as the service refuses when its database is down.
    const page = await browser.newPage();
    await page.route('**/v1/stats/summary?**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable' }) }));
    await page.goto(`${t.baseUrl}/?period=FY2021-22`);
    await settled(page, 'error');
    const text = await page.textContent('#error');
    expect(text).toContain('/v1/stats/summary answered 503: the database is unavailable');
    expect(text).toContain('/health/ready');
    expect(await page.$$('.skeleton')).toHaveLength(0);
    await page.close();
  });

  it('asks once for a read key when API_KEYS is set, and takes one from /#key=', async () => {
    const keyed = await startTestApp({ API_KEYS: 'read:dash-read-key-0123456789,ingest:dash-ingest-key-0123456789' }, { name: t.dbName, url: t.databaseUrl });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = await watchProblems(page);
      await page.goto(`${keyed.baseUrl}/?period=FY2021-22`);
      await settled(page, 'key');
      await page.fill('#api-key', 'dash-ingest-key-0123456789');
      await page.click('#key-form button');
      await page.waitForFunction(() => document.querySelector('#key-form .hint')?.textContent?.includes('lacks read access'));
      await page.fill('#api-key', 'dash-read-key-0123456789');
      await page.click('#key-form button');
      await settled(page, 'ready');
      expect(await page.textContent('#tile-total-value')).toBe(en(weight(select(recs, FY, {}))));
      expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual(['dash-read-key-0123456789']);
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
      // Downloads carry the key: the report through fetch, this view's figures from its tables.
      await page.click('#downloads summary');
      const [word] = await Promise.all([page.waitForEvent('download'), page.click('a[data-download="docx"]')]);
      expect(word.suggestedFilename()).toBe('customer-experience-2021-04-01-2022-03-31.docx');
      expect((await readFile((await word.path())!)).subarray(0, 2).toString()).toBe('PK');
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-view')]);
      const lines = (await readFile((await csv.path())!, 'utf8')).split('\r\n');
      const channels = (await keyed.http.get('/v1/stats/channels?period=FY2021-22').set({ authorization: 'Bearer dash-read-key-0123456789' }).expect(200)).body;
      const mixRows = lines.filter((l) => l.startsWith('Contacts by channel,')).map(csvCells).slice(1); // after its header row
      expect(mixRows.map((r) => r[3])).toEqual(channels.channels.map((c: { count: number }) => en(c.count)));
      // Asked once: a reload in the same tab needs no prompt.
      await page.reload();
      await settled(page, 'ready');
      expect(problems.filter((p) => !p.includes('401') && !p.includes('403'))).toEqual([]);
      await context.close();

      const wall = await browser.newPage();
      await wall.goto(`${keyed.baseUrl}/?period=FY2021-22#key=dash-read-key-0123456789`);
      await settled(wall, 'ready');
      expect(await wall.isHidden('#key-form')).toBe(true);
      expect(wall.url()).not.toContain('key=');
      await wall.waitForFunction(() => document.querySelector('#live-total')?.textContent !== '–');
      await wall.close();
    } finally {
      await keyed.app.close();
    }
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/?period=FY2021-22`);
    await settled(page, 'ready');
    await page.addScriptTag({ path: join(require.resolve('axe-core'), '..', 'axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ html: string }> }> }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  });
});
