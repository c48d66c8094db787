// @ts-check
import { ApiFailure, getJson } from './api.js';
import { categoryAxis, countAxis, draw, legend, noChart } from './charts.js';
import { count, day, decimal, label, percent, seconds, timeOfDay } from './format.js';
import { table } from './tables.js';

/**
 * The forecast and staffing cards: the 13 weeks after the page's period (or from today when the
 * period includes it) for a channel at the page's centre, and the advisers a chosen day needs.
 * Their settings live in the URL (forecastChannel, staffingDate, serviceLevel, answerSeconds,
 * shrinkage) so a view can be shared.
 */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const view = byId('main').dataset;
const centreQuery = view.centre ? `&centre=${encodeURIComponent(view.centre)}` : '';
const HISTORY_WEEKS = 8;
const FORECAST_DAYS = 13 * 7;

/** @param {string} d @param {number} n */
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const weekday = (/** @type {string} */ d) => new Date(`${d}T00:00:00Z`).getUTCDay();

/** The day after the period, or today when the period has not ended (nothing after it is known yet). */
export function forecastStart() {
  const after = addDays(view.to ?? '', 1);
  const now = today();
  return after <= now
    ? { from: after, why: `It starts the day after this period ends, so it can be checked against what then happened.` }
    : { from: now, why: 'It starts today, as this period includes today.' };
}

/** The URL's setting, or a default. @param {string} name @param {string} fallback */
const setting = (name, fallback) => new URLSearchParams(location.search).get(name) || fallback;
/** Keeps a setting in the URL without reloading the page. @param {Record<string, string>} values */
function keep(values) {
  const query = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) v === '' ? query.delete(k) : query.set(k, v);
  history.replaceState(null, '', `${location.pathname}?${query}${location.hash}`);
}

/** A 400's problems in words (e.g. too little history); null for any other failure. @param {unknown} e */
function refusal(e) {
  if (!(e instanceof ApiFailure) || e.status !== 400) return null;
  return e.details.length ? e.details.map((d) => d.problem).join('; ') : e.message;
}
/** @param {unknown} e */
const failure = (e) => `could not be loaded (${e instanceof Error ? e.message : String(e)}); check the service (/health/ready) and reload`;

/** The card's state; a card that says why it has no figures hides its table (and staffing its settings). @param {string} id @param {string} state */
function settle(id, state) {
  byId(id).dataset.state = state;
  const empty = state === 'short';
  for (const el of byId(id).querySelectorAll(id === 'staffing' ? '.card__table, .card__controls' : '.card__table')) el.toggleAttribute('hidden', empty);
}

/** Fills the channel list and draws both cards. @param {string[]} channels seen in the period */
export function planning(channels) {
  const select = /** @type {HTMLSelectElement} */ (byId('forecast-channel'));
  const names = [...new Set(['telephony', ...channels])];
  const chosen = setting('forecastChannel', 'telephony');
  if (!names.includes(chosen)) names.push(chosen);
  select.replaceChildren(...names.map((n) => new Option(label(n), n, false, n === chosen)));
  select.onchange = () => {
    keep({ forecastChannel: select.value });
    void forecastCard(select.value, true);
  };
  for (const [id, name] of [['staffing-service-level', 'serviceLevel'], ['staffing-answer-seconds', 'answerSeconds'], ['staffing-shrinkage', 'shrinkage'], ['staffing-aht', 'ahtSeconds']]) {
    input(id).value = setting(name, input(id).value);
  }
  const staffingForm = /** @type {HTMLFormElement} */ (byId('staffing-form'));
  staffingForm.onsubmit = (e) => e.preventDefault();
  staffingForm.onchange = () => void staffingCard(select.value);
  return forecastCard(chosen, !new URLSearchParams(location.search).get('staffingDate'));
}

/** History, forecast and its 80 % band; then the staffing of the first working day (or the URL's day). */
async function forecastCard(/** @type {string} */ channel, /** @type {boolean} */ pickDay) {
  const { from, why } = forecastStart();
  const to = addDays(from, FORECAST_DAYS - 1);
  const centreName = view.centre ? `, ${JSON.parse(view.centres ?? '[]').find((/** @type {string[]} */ c) => c[0] === view.centre)?.[1] ?? view.centre}` : '';
  byId('forecast-title').textContent = `Contacts forecast, ${label(channel)}${centreName}, next 13 weeks from ${day(from)}`;
  byId('forecast-chart').setAttribute('aria-label', `${byId('forecast-title').textContent}; the figures are in the table below`);
  byId('forecast-start').textContent = why;
  settle('forecast', 'loading');
  let body;
  try {
    body = await getJson(`/v1/forecast?channel=${encodeURIComponent(channel)}${centreQuery}&from=${from}&to=${to}&history=${HISTORY_WEEKS}`);
  } catch (e) {
    const problem = refusal(e);
    noChart('forecast', problem ? `No forecast yet for ${label(channel)}${centreName}: it ${problem}.` : `The forecast ${failure(e)}.`);
    byId('forecast-note').textContent = '';
    byId('forecast-table').replaceChildren();
    noChart('staffing', 'Staffing follows the forecast, which needs more history (above).');
    byId('staffing-table').replaceChildren();
    byId('staffing-note').textContent = '';
    settle('staffing', 'short');
    settle('forecast', 'short');
    return;
  }
  drawForecast(body);
  if (pickDay || !input('staffing-date').value) input('staffing-date').value = setting('staffingDate', firstWorkingDay(body.series));
  settle('forecast', 'ready');
  await staffingCard(channel);
}

/**
 * The first Monday–Friday whose forecast is at least half the weekday mean of the first two
 * weeks: a bank holiday, forecast like a Sunday, is passed over.
 * @param {Array<{ from: string, contacts: number }>} series
 */
function firstWorkingDay(series) {
  const weekdays = series.slice(0, 14).filter((s) => weekday(s.from) >= 1 && weekday(s.from) <= 5);
  const mean = weekdays.reduce((a, s) => a + s.contacts, 0) / Math.max(1, weekdays.length);
  return (weekdays.find((s) => s.contacts >= mean / 2) ?? series[0]).from;
}

/** @param {any} body as GET /v1/forecast with `history` */
function drawForecast(body) {
  // A week or more without a contact at the end is data not loaded yet (a past year's export ends), not
  // days of no demand: the forecast reads such a week as a gap too (docs/forecasting.md).
  const lastDay = body.actual.reduce((/** @type {string} */ last, /** @type {any} */ a) => (a.contacts > 0 ? a.from : last), '');
  const lastCounted = lastDay && addDays(lastDay, 7) <= (body.actual.at(-1)?.from ?? '') ? lastDay : body.actual.at(-1)?.from ?? '';
  const actual = new Map(body.actual.filter((/** @type {any} */ a) => a.from <= lastCounted).map((/** @type {any} */ a) => [a.from, a.contacts]));
  const forecast = new Map(body.series.map((/** @type {any} */ s) => [s.from, s]));
  const days = [...new Set([...body.actual.map((/** @type {any} */ a) => a.from), ...body.series.map((/** @type {any} */ s) => s.from)])].sort();
  const of = (/** @type {(s: any) => number} */ f) => days.map((d) => (forecast.has(d) ? Math.round(f(forecast.get(d)) * 10) / 10 : null));
  const band = { type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, silent: true, name: '80% interval', color: '#1d70b8' };
  draw('forecast', {
    legend: { ...legend, data: ['Actual', 'Forecast', '80% interval'] },
    grid: { left: 60, right: 20, top: 20, bottom: 50 },
    xAxis: { ...categoryAxis(days.map(shortDay), 0), axisLabel: { fontSize: 11, color: '#0b0c0c', interval: labelStep(days.length) - 1 } },
    yAxis: countAxis,
    series: [
      { ...band, data: of((s) => s.low) },
      { ...band, data: of((s) => s.high - s.low), areaStyle: { opacity: 0.25, color: '#1d70b8' } },
      { name: 'Actual', type: 'line', color: '#0b0c0c', symbol: 'none', data: days.map((d) => actual.get(d) ?? null) },
      { name: 'Forecast', type: 'line', color: '#1d70b8', symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, data: of((s) => s.contacts) },
    ],
  });
  const { backtest } = body;
  byId('forecast-note').textContent = `Made from the history of ${day(body.basis.from)} to ${day(body.basis.to)}. ` +
    `Backtest on its last ${backtest.weeks} weeks (WAPE, lower is better): ${percent(backtest.wape)} for this method, ` +
    `${percent(backtest.seasonalNaiveWape)} for seasonal naive (the same weekday a week earlier). The band holds 8 days in 10.` +
    (lastCounted < (body.actual.at(-1)?.from ?? '') ? ` No contacts are counted after ${day(lastCounted)}, so the actual line stops there.` : '');
  byId('forecast-table').replaceChildren(table('Contacts per day: actual and forecast', ['Day', 'Actual', 'Forecast', 'Low (80%)', 'High (80%)'],
    days.map((d) => {
      const f = forecast.get(d);
      return [day(d), count(actual.get(d)), count(f?.contacts), count(f?.low), count(f?.high)];
    }), [1, 2, 3, 4]));
}

/** Days between date labels: whole weeks, as few as keep the labels (about 50 px each) apart. @param {number} days */
function labelStep(days) {
  const width = byId('forecast-chart').clientWidth - 80;
  return 7 * Math.max(1, Math.ceil((days * 50) / Math.max(width, 1) / 7));
}

const shortDay = (/** @type {string} */ d) => day(d).replace(/ \d{4}$/, '');

/** The staffing of the chosen day at the chosen target, per open half-hour. @param {string} channel */
async function staffingCard(channel) {
  const date = input('staffing-date').value;
  const target = {
    serviceLevel: input('staffing-service-level').value, answerSeconds: input('staffing-answer-seconds').value, shrinkage: input('staffing-shrinkage').value,
    ahtSeconds: input('staffing-aht').value,
  };
  keep({ staffingDate: date, ...target });
  // No handling time given: the service measures it over the forecast's history.
  const query = `date=${date}&channel=${encodeURIComponent(channel)}${centreQuery}&serviceLevel=${+target.serviceLevel / 100}` +
    `&answerSeconds=${target.answerSeconds}&shrinkage=${+target.shrinkage / 100}${target.ahtSeconds ? `&ahtSeconds=${target.ahtSeconds}` : ''}`;
  byId('staffing-title').textContent = `Advisers needed per half-hour, ${label(channel)}, ${day(date)}`;
  byId('staffing-chart').setAttribute('aria-label', `${byId('staffing-title').textContent}; the figures are in the table below`);
  byId('staffing-csv').setAttribute('href', `/v1/staffing?${query}&format=csv`);
  settle('staffing', 'loading');
  let body;
  try {
    body = await getJson(`/v1/staffing?${query}`);
  } catch (e) {
    const refused = refusal(e);
    const problem = refused && /ahtSeconds/.test(refused) && !target.ahtSeconds ? 'no handling times are measured for this selection; enter a handling time above' : refused;
    noChart('staffing', problem ? `No staffing for these settings: ${problem}.` : `The staffing ${failure(e)}.`);
    byId('staffing-table').replaceChildren();
    return settle('staffing', 'refused');
  }
  drawStaffing(body, target);
  settle('staffing', 'ready');
}

/** @param {any} body as GET /v1/staffing @param {Record<string, string>} target as entered */
function drawStaffing(body, target) {
  const rows = body.intervals;
  if (!rows.length) {
    noChart('staffing', `The centre is closed on ${day(body.date)}: no half-hours to staff.`);
  } else if (!rows.some((/** @type {any} */ i) => i.agents > 0)) {
    noChart('staffing', `No contacts are forecast on ${day(body.date)}: no advisers needed.`);
  } else {
    draw('staffing', {
      legend,
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: categoryAxis(rows.map((/** @type {any} */ i) => timeOfDay(i.from)), rows.length > 20 ? 45 : 0),
      yAxis: { ...countAxis, minInterval: 1 },
      series: [
        { name: 'Agents', type: 'bar', data: rows.map((/** @type {any} */ i) => i.agents) },
        { name: `Staff (${target.shrinkage}% shrinkage)`, type: 'bar', data: rows.map((/** @type {any} */ i) => i.staff) },
      ],
    });
  }
  const t = body.total;
  byId('staffing-note').textContent = `Day total: ${decimal(t.contacts)} contacts forecast, ${decimal(t.agentHours)} agent hours, ${decimal(t.staffHours)} staff hours ` +
    `for ${target.serviceLevel}% answered within ${target.answerSeconds} seconds, handling time ${target.ahtSeconds ? `${target.ahtSeconds} s as entered` : 'as measured'} ` +
    `(Erlang C; contacts forecast from the history before ${day(body.date)}).`;
  byId('staffing-table').replaceChildren(table(`Staffing per half-hour, ${day(body.date)}`,
    ['Time', 'Contacts', 'Handling time', 'Erlangs', 'Agents', 'Service level', 'Average wait', 'Occupancy', 'Staff'],
    rows.map((/** @type {any} */ i) => [timeOfDay(i.from), decimal(i.contacts), seconds(i.ahtSeconds), decimal(i.trafficErlangs), count(i.agents),
      percent(i.serviceLevel), i.asaSeconds == null ? '–' : `${decimal(i.asaSeconds)} s`, percent(i.occupancy), count(i.staff)]),
    [1, 2, 3, 4, 5, 6, 7, 8]));
  byId('staffing-table').append(table(`Day totals, ${day(body.date)}`, ['Day', 'Contacts', 'Agent hours', 'Staff hours'],
    [[day(body.date), decimal(t.contacts), decimal(t.agentHours), decimal(t.staffHours)]], [1, 2, 3]));
}
