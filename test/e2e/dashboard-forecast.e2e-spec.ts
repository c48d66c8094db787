/// <reference lib="dom" />
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { launchChromium, settled, watchProblems } from '../support/browser';
import { datesOf, DemandSpec, generateDemand, GeneratedEvent } from '../support/demand-model';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The dashboard's forecast and staffing cards in Chromium: ten weeks of Customer Services
 * telephony go in through the API, then the thirteen weeks after them (so the forecast can be
 * checked on the page). The page for those ten weeks forecasts from the day after them; its
 * tables must hold what GET /v1/forecast and GET /v1/staffing answer.
 */
const ARTIFACTS = 'test/artifacts';
const START = '2025-03-17'; // a Monday
const END = '2025-05-25'; // ten weeks later, a Sunday; the day after is the Spring bank holiday
const FORECAST_FROM = '2025-05-26';
const FORECAST_TO = '2025-08-24'; // 13 weeks
const FIRST_WORKING_DAY = '2025-05-27'; // the bank holiday passed over
const config = loadReferenceConfig('config');
const spec: DemandSpec = {
  channel: 'telephony', centre: 'customer_services', base: 60, weeklyGrowth: 0.004, noise: 0.05, bankHolidays: config.bankHolidays, seed: 777,
};
const Q = 'channel=telephony&centre=customer_services';
const whole = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
const upTo2 = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayName = (d: string) => `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
const londonDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const londonTime = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });

interface StaffingInterval { from: string; contacts: number; agents: number; staff: number }

async function post(t: TestApp, events: GeneratedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 10_000) {
    await t.http.post('/v1/contacts').send({ events: events.slice(i, i + 10_000) }).expect(202);
  }
  await t.drain();
}

async function rowsOf(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
}

describe('the dashboard forecast and staffing cards in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const events = generateDemand(spec, START, START, FORECAST_TO);
  const perDay = new Map<string, number>();
  for (const e of events) perDay.set(londonDay(e.occurredAt), (perDay.get(londonDay(e.occurredAt)) ?? 0) + 1);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestApp();
    await post(t, events);
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, viewport = { width: 1366, height: 768 }) {
    const page = await browser.newPage({ viewport, locale: 'en-GB' });
    const problems = await watchProblems(page);
    await page.goto(`${t.baseUrl}${path}`);
    await settled(page, 'ready');
    return { page, problems };
  }

  it('draws history, forecast and band from the day after the period, with the API\'s figures in its table', async () => {
    const { page, problems } = await open(`/?from=${START}&to=${END}&centre=customer_services`);
    await page.waitForSelector('#forecast[data-state="ready"]');
    expect(await page.$('#forecast-chart[data-drawn="true"] canvas')).not.toBeNull();
    expect(await page.textContent('#forecast-title')).toBe('Contacts forecast, Telephony, Customer Services, next 13 weeks from 26 May 2025');
    expect(await page.textContent('#forecast-start')).toContain('the day after this period ends');

    const api = (await t.http.get(`/v1/forecast?${Q}&from=${FORECAST_FROM}&to=${FORECAST_TO}`).expect(200)).body;
    const rows = await rowsOf(page, '#forecast-table');
    const history = datesOf('2025-03-31', END); // the 8 weeks before the forecast
    expect(rows).toHaveLength(history.length + api.series.length);
    // History: actual contacts counted here, without the service; no forecast.
    expect(rows.slice(0, history.length)).toEqual(history.map((d) => [dayName(d), whole(perDay.get(d) ?? 0), '–', '–', '–']));
    // Forecast days: the endpoint's answer, and what then happened.
    expect(rows.slice(history.length)).toEqual(api.series.map((s: { from: string; contacts: number; low: number; high: number }) =>
      [dayName(s.from), whole(perDay.get(s.from) ?? 0), whole(s.contacts), whole(s.low), whole(s.high)]));
    await page.click('#forecast summary');
    await page.click('#staffing summary');
    await (await page.$('#planning'))!.screenshot({ path: `${ARTIFACTS}/dashboard-forecast-tables-1366x768.png` });
    const note = await page.textContent('#forecast-note');
    expect(note).toContain(`${upTo2(api.backtest.wape * 100)}% for this method`);
    expect(note).toContain(`${upTo2(api.backtest.seasonalNaiveWape * 100)}% for seasonal naive`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('answers `actual` only when history is asked for, and 400 naming history for a bad one', async () => {
    const plain = (await t.http.get(`/v1/forecast?${Q}&from=${FORECAST_FROM}&to=${FORECAST_TO}`).expect(200)).body;
    expect(plain.actual).toBeUndefined();
    const csv = await t.http.get(`/v1/forecast?${Q}&from=${FORECAST_FROM}&to=2025-06-01&history=2&format=csv`).expect(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(8); // the series only
    const { body } = await t.http.get(`/v1/forecast?${Q}&from=${FORECAST_FROM}&to=${FORECAST_TO}&history=0`).expect(400);
    expect(body.details).toEqual([{ path: 'history', problem: 'must be a number ≥ 1 and ≤ 13' }]);
  });

  it('staffs the first working day as GET /v1/staffing does, and more agents for a higher service level, kept in the URL', async () => {
    const { page, problems } = await open(`/?from=${START}&to=${END}&centre=customer_services`);
    await page.waitForSelector('#staffing[data-state="ready"]');
    expect(await page.inputValue('#staffing-date')).toBe(FIRST_WORKING_DAY);
    const at = async (level: number) =>
      (await t.http.get(`/v1/staffing?${Q}&date=${FIRST_WORKING_DAY}&serviceLevel=${level}&answerSeconds=20&shrinkage=0.3`).expect(200)).body;
    const expected = (body: { intervals: StaffingInterval[] }) =>
      body.intervals.map((i) => [londonTime(i.from), upTo2(i.contacts), whole(i.agents), whole(i.staff)]);
    const shown = async () => (await rowsOf(page, '#staffing-table table:nth-of-type(1)')).map((r) => [r[0], r[1], r[4], r[8]]);
    const at80 = await at(0.8);
    expect(at80.intervals.length).toBeGreaterThan(0);
    expect(await shown()).toEqual(expected(at80));
    expect(await rowsOf(page, '#staffing-table table:nth-of-type(2)')).toEqual([
      [dayName(FIRST_WORKING_DAY), upTo2(at80.total.contacts), upTo2(at80.total.agentHours), upTo2(at80.total.staffHours)]]);
    expect(await page.getAttribute('#staffing-csv', 'href')).toContain(`/v1/staffing?date=${FIRST_WORKING_DAY}&${Q}&serviceLevel=0.8&answerSeconds=20&shrinkage=0.3&format=csv`);

    await page.fill('#staffing-service-level', '95');
    await page.dispatchEvent('#staffing-service-level', 'change');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('serviceLevel') === '95' && document.querySelector('#staffing')?.getAttribute('data-state') === 'ready');
    const at95 = await at(0.95);
    expect(await shown()).toEqual(expected(at95));
    const sum = (b: { intervals: StaffingInterval[] }) => b.intervals.reduce((a, i) => a + i.agents, 0);
    expect(sum(at95)).toBeGreaterThan(sum(at80));
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-forecast-1366x768.png`, fullPage: true });
    await (await page.$('#planning'))!.screenshot({ path: `${ARTIFACTS}/dashboard-forecast-cards-1366x768.png` });
    // The settings survive a reload.
    await page.reload();
    await settled(page, 'ready');
    await page.waitForSelector('#staffing[data-state="ready"]');
    expect(await page.inputValue('#staffing-service-level')).toBe('95');
    expect(await shown()).toEqual(expected(at95));
    // And a change of centre: the target stays, the day follows the forecast.
    await Promise.all([page.waitForURL((u) => !u.searchParams.has('centre')), page.selectOption('#centre', '')]);
    await settled(page, 'ready');
    expect(new URL(page.url()).searchParams.get('serviceLevel')).toBe('95');
    await Promise.all([page.waitForURL(/centre=customer_services/), page.selectOption('#centre', 'customer_services')]);
    await settled(page, 'ready');
    await page.waitForSelector('#staffing[data-state="ready"]');
    expect(new URL(page.url()).searchParams.get('serviceLevel')).toBe('95');
    expect(await page.inputValue('#staffing-date')).toBe(FIRST_WORKING_DAY);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes a handling time when one is entered, as GET /v1/staffing does with ahtSeconds, and goes back to the measured one when it is cleared', async () => {
    const { page, problems } = await open(`/?from=${START}&to=${END}&centre=customer_services`);
    await page.waitForSelector('#staffing[data-state="ready"]');
    const at = async (aht?: number) =>
      (await t.http.get(`/v1/staffing?${Q}&date=${FIRST_WORKING_DAY}&serviceLevel=0.8&answerSeconds=20&shrinkage=0.3${aht ? `&ahtSeconds=${aht}` : ''}`).expect(200)).body;
    const agents = async () => (await rowsOf(page, '#staffing-table table:nth-of-type(1)')).map((r) => r[4]);
    const measured = await at();
    expect(await agents()).toEqual(measured.intervals.map((i: StaffingInterval) => whole(i.agents)));
    await page.fill('#staffing-aht', '900');
    await page.dispatchEvent('#staffing-aht', 'change');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('ahtSeconds') === '900' && document.querySelector('#staffing')?.getAttribute('data-state') === 'ready');
    const slow = await at(900);
    expect(slow.intervals[0].ahtSeconds).toBe(900);
    const total = (b: { intervals: StaffingInterval[] }) => b.intervals.reduce((a, i) => a + i.agents, 0);
    expect(total(slow)).not.toBe(total(measured)); // the entered time is used, not the measured one
    expect(await agents()).toEqual(slow.intervals.map((i: StaffingInterval) => whole(i.agents)));
    expect(await page.textContent('#staffing-note')).toContain('handling time 900 s as entered');
    await page.fill('#staffing-aht', '');
    await page.dispatchEvent('#staffing-aht', 'change');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('ahtSeconds') && document.querySelector('#staffing')?.getAttribute('data-state') === 'ready');
    expect(await agents()).toEqual(measured.intervals.map((i: StaffingInterval) => whole(i.agents)));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('downloads the staffing CSV from GET /v1/staffing with the read key', async () => {
    const keys = 'read:panel-read-key-0123456789';
    const keyed = await startTestApp({ API_KEYS: keys }, { name: t.dbName, url: t.databaseUrl });
    try {
      const page = await browser.newPage({ locale: 'en-GB' });
      const problems = await watchProblems(page);
      await page.goto(`${keyed.baseUrl}/?from=${START}&to=${END}&centre=customer_services#key=panel-read-key-0123456789`);
      await settled(page, 'ready');
      await page.waitForSelector('#staffing[data-state="ready"]');
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#staffing-csv')]);
      expect(csv.suggestedFilename()).toBe(`staffing-telephony-${FIRST_WORKING_DAY}.csv`);
      const expected = await keyed.http.get(`/v1/staffing?${Q}&date=${FIRST_WORKING_DAY}&format=csv`).set({ authorization: 'Bearer panel-read-key-0123456789' }).expect(200);
      expect(await readFile((await csv.path())!, 'utf8')).toBe(expected.text);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await keyed.app.close();
    }
  });

  it('says plainly when there is too little history, and names what is missing', async () => {
    const { page, problems } = await open(`/?from=${START}&to=2025-04-13&centre=customer_services`);
    await page.waitForSelector('#forecast[data-state="short"]');
    const text = await page.textContent('#forecast-chart');
    expect(text).toMatch(/^No forecast yet for Telephony, Customer Services: it needs at least 8 weeks of contacts before 2025-04-14 .*found 4 weeks/);
    expect(await page.isHidden('#error')).toBe(true);
    expect(await page.textContent('#staffing-chart')).toContain('needs more history');
    expect(await page.isHidden('#forecast .card__table')).toBe(true);
    await (await page.$('#planning'))!.screenshot({ path: `${ARTIFACTS}/dashboard-forecast-too-little-history.png` });
    // A period that includes today is forecast from today.
    const today = londonDay(new Date().toISOString());
    await page.goto(`${t.baseUrl}/?from=${START}&to=${today}&centre=customer_services`);
    await settled(page, 'ready');
    await page.waitForSelector('#forecast[data-state="short"]');
    expect(await page.textContent('#forecast-title')).toBe(`Contacts forecast, Telephony, Customer Services, next 13 weeks from ${dayName(today)}`);
    expect(await page.textContent('#forecast-start')).toBe('It starts today, as this period includes today.');
    expect(await page.textContent('#forecast-chart')).toContain(`needs at least 8 weeks of contacts before ${today}`);
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await page.close();
  });

  it('fits a tablet, and keeps the cards accessible (axe-core)', async () => {
    const { page, problems } = await open(`/?from=${START}&to=${END}&centre=customer_services`, { width: 820, height: 1180 });
    await page.waitForSelector('#staffing[data-state="ready"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await (await page.$('#planning'))!.screenshot({ path: `${ARTIFACTS}/dashboard-forecast-cards-820x1180.png` });
    // Every control is reached by the keyboard.
    const reached = new Set<string>();
    await page.focus('#forecast-channel');
    for (let i = 0; i < 14; i++) { // a date input takes a Tab per part
      reached.add(await page.evaluate(() => document.activeElement?.id ?? ''));
      await page.keyboard.press('Tab');
    }
    expect([...reached]).toEqual(expect.arrayContaining(['forecast-channel', 'staffing-date', 'staffing-service-level', 'staffing-answer-seconds', 'staffing-shrinkage', 'staffing-csv']));
    expect(problems).toEqual([]);
    await page.close();

    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    const axePage = await context.newPage();
    await axePage.goto(`${t.baseUrl}/?from=${START}&to=${END}&centre=customer_services`);
    await axePage.waitForSelector('#staffing[data-state="ready"]');
    await axePage.addScriptTag({ path: join(require.resolve('axe-core'), '..', 'axe.min.js') });
    const violations = await axePage.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: object, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ html: string }> }> }> } }).axe;
      const result = await axe.run({ include: [['#planning']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  });
});
