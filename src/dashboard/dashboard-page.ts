import { CHART_PALETTE } from '../common/palette';
import type { ReferenceConfig } from '../config/reference-config';
import { localDateOf } from '../periods/london-time';
import {
  financialYearOf, fyPeriod, fyQuarterPeriod, monthPeriod, Period, periodName, previousPeriod, yearPeriod,
} from '../periods/period';

/** What the page is rendered for: a period (or the reason the one asked for was refused) and a centre. */
export interface DashboardView {
  period: Period;
  centre?: string;
  /** A refused `period`, `from`/`to` or `centre`, said on the page instead of figures. */
  problem?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "FY2021-22 Q3 (Oct–Dec 2021)", "December 2021", "FY2021-22": how the picker and titles name a period. */
export function periodTitle(p: Period): string {
  const short = (d: string) => `${MONTHS[+d.slice(5, 7) - 1]} ${d.slice(0, 4)}`;
  switch (p.kind) {
    case 'fy_quarter':
      return `${p.label.slice(0, 9)} ${p.label.slice(10)} (${MONTHS[+p.from.slice(5, 7) - 1]}–${short(p.to)})`;
    case 'fy':
      return `${p.label} (${short(p.from)}–${short(p.to)})`;
    case 'range':
      return `${p.from} to ${p.to}`;
    default:
      return periodName(p);
  }
}

/** A short name for "against the previous period": "FY2020-21", "FY2021-22 Q2", "Nov 2021", "2020". */
export function periodShortName(p: Period): string {
  switch (p.kind) {
    case 'fy_quarter':
      return `${p.label.slice(0, 9)} ${p.label.slice(10)}`;
    case 'month':
      return `${MONTHS[+p.from.slice(5, 7) - 1]} ${p.from.slice(0, 4)}`;
    case 'range':
      return `${p.from} to ${p.to}`;
    default:
      return p.label;
  }
}

/** The picker's periods: every financial year, quarter, calendar year and month from a few years back to now. */
function periodOptions(selected: Period): string {
  const thisFy = +financialYearOf(localDateOf(new Date())).slice(2, 6);
  const first = Math.min(thisFy, +selected.from.slice(0, 4)) - 4;
  const years = Array.from({ length: thisFy - first + 1 }, (_, i) => thisFy - i);
  const option = (p: Period) =>
    `<option value="${esc(p.label)}"${p.label === selected.label ? ' selected' : ''}>${esc(periodTitle(p))}</option>`;
  const group = (label: string, periods: Period[]) => `<optgroup label="${label}">${periods.map(option).join('')}</optgroup>`;
  return [
    group('Financial years', years.map(fyPeriod)),
    group('Financial quarters', years.flatMap((y) => [4, 3, 2, 1].map((q) => fyQuarterPeriod(y, q)))),
    group('Calendar years', years.map(yearPeriod)),
    group('Months', years.flatMap((y) => Array.from({ length: 12 }, (_, i) => monthPeriod(y, 12 - i)))),
  ].join('');
}

function centreOptions(config: ReferenceConfig, centre?: string): string {
  const all = `<option value="">All centres</option>`;
  return all + config.centres.map((c) => `<option value="${esc(c.centre)}"${c.centre === centre ? ' selected' : ''}>${esc(c.label)}</option>`).join('');
}

/** A chart card: a title that says what it shows, the chart, and the same figures as a table. */
function card(id: string, title: string, wide = false, controls = ''): string {
  return `
      <section class="card${wide ? ' card--wide' : ''}" id="${id}" aria-labelledby="${id}-title">
        <h2 class="card__title" id="${id}-title">${esc(title)}</h2>${controls}
        <div class="chart skeleton" id="${id}-chart" role="img" aria-label="${esc(title)}; the figures are in the table below"></div>
        <p class="card__note" id="${id}-note"></p>
        <details class="card__table"><summary>Show as table</summary><div class="table-wrap" id="${id}-table"></div></details>
      </section>`;
}

/** Forecast and staffing controls; the script fills the channels and keeps every value in the URL. */
const FORECAST_CONTROLS = `
        <form class="card__controls" id="forecast-form">
          <label for="forecast-channel">Channel</label>
          <select id="forecast-channel" name="forecastChannel"><option value="telephony" selected>Telephony</option></select>
          <span class="hint">Per day; the centre is the page's. <span id="forecast-start"></span></span>
        </form>`;
const STAFFING_CONTROLS = `
        <form class="card__controls" id="staffing-form">
          <span><label for="staffing-date">Day</label> <input type="date" id="staffing-date" name="staffingDate" required></span>
          <span><label for="staffing-service-level">Service level (%)</label> <input type="number" id="staffing-service-level" name="serviceLevel" min="1" max="99" step="1" value="80" required></span>
          <span><label for="staffing-answer-seconds">Answered within (seconds)</label> <input type="number" id="staffing-answer-seconds" name="answerSeconds" min="1" max="3600" step="1" value="20" required></span>
          <span><label for="staffing-shrinkage">Shrinkage (%)</label> <input type="number" id="staffing-shrinkage" name="shrinkage" min="0" max="95" step="1" value="30" required></span>
          <span><label for="staffing-aht">Handling time (seconds)</label> <input type="number" id="staffing-aht" name="ahtSeconds" min="1" max="36000" step="1" placeholder="measured"></span>
          <a data-download="staffing" id="staffing-csv" href="/v1/staffing">This day's staffing (CSV)</a>
        </form>`;

const TILES: Array<[string, string]> = [
  ['total', 'Total contacts'], ['self-service', 'Self-service share'], ['containment', 'Chatbot containment'],
  ['fcr', 'First-contact resolution'], ['abandonment', 'Abandonment'], ['cost-avoided', 'Cost avoided'],
];

/**
 * The dashboard's HTML: the bar, the tiles, today so far, a card per chart and the scorecard,
 * each a placeholder the page's script fills from the API. No inline script or style: the
 * period, the previous period and the palette travel as data attributes.
 */
export function dashboardPage(config: ReferenceConfig, view: DashboardView): string {
  const { period, centre } = view;
  const previous = previousPeriod(period);
  const name = periodTitle(period);
  const range = period.kind === 'range';
  const data = {
    'period-label': period.label, 'period-kind': period.kind, from: period.from, to: period.to, 'period-name': name,
    'previous-from': previous.from, 'previous-to': previous.to, 'previous-name': periodShortName(previous),
    centre: centre ?? '', palette: CHART_PALETTE.join(','), problem: view.problem ?? '',
    centres: JSON.stringify(config.centres.map((c) => [c.centre, c.label])),
  };
  const attrs = Object.entries(data).map(([k, v]) => `data-${k}="${esc(v)}"`).join(' ');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Contact analytics: ${esc(name)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/dashboard/dashboard.css">
  <script src="/dashboard/echarts.min.js" defer></script>
  <script src="/dashboard/dashboard.js" type="module"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="bar">
    <p class="bar__name">Contact analytics</p>
    <form class="bar__form" method="get" action="/" id="period-form">
      <label for="period">Period</label>
      <select id="period" name="period">${range ? '<option value="" selected>Dates below</option>' : ''}${periodOptions(period)}</select>
      <label for="centre">Centre</label>
      <select id="centre" name="centre">${centreOptions(config, centre)}</select>
      <button type="submit" class="button">Show</button>
    </form>
    <details class="bar__range"${range ? ' open' : ''}>
      <summary>From–to dates</summary>
      <form method="get" action="/" id="range-form">
        <label for="from">From</label> <input type="date" id="from" name="from" value="${esc(period.from)}" required>
        <label for="to">To</label> <input type="date" id="to" name="to" value="${esc(period.to)}" required>
        ${centre ? `<input type="hidden" name="centre" value="${esc(centre)}">` : ''}
        <button type="submit" class="button">Show dates</button>
      </form>
    </details>
    <details class="bar__downloads" id="downloads">
      <summary>Download</summary>
      <ul>
        <li><a data-download="docx" href="/v1/reports/customer-experience?${esc(periodQuery(period))}&amp;format=docx">Report (Word)</a></li>
        <li><a data-download="html" href="/v1/reports/customer-experience?${esc(periodQuery(period))}&amp;format=html">Report (HTML)</a></li>
        <li><a data-download="csv" href="/v1/reports/customer-experience?${esc(periodQuery(period))}&amp;format=csv">Report (CSV)</a></li>
        <li><a data-download="view" href="#" id="download-view">This view's figures (CSV)</a></li>
      </ul>
    </details>
  </header>
  <main id="main" ${attrs}>
    <h1 class="heading">Contacts, ${esc(name)}${centre ? `, ${esc(config.centres.find((c) => c.centre === centre)?.label ?? centre)}` : ''}</h1>
    <div class="notice notice--error" id="error" role="alert" hidden></div>
    <form class="key-form" id="key-form" hidden>
      <label for="api-key">This service needs an API key with read access</label>
      <p class="hint">It is kept in this browser tab only (session storage).</p>
      <input type="password" id="api-key" autocomplete="off" spellcheck="false">
      <button type="submit" class="button">Use key</button>
    </form>
    <div class="notice" id="empty" hidden>No contacts in this period — send some to <code>POST /v1/contacts</code> or run <code>npm run demo</code>.</div>
    <section class="tiles" aria-label="Headline figures">
      ${TILES.map(([id, label]) => `<div class="tile skeleton" id="tile-${id}"><h2 class="tile__label">${label}</h2><p class="tile__value" id="tile-${id}-value"></p><p class="tile__change" id="tile-${id}-change"></p></div>`).join('\n      ')}
    </section>
    <section class="live" aria-labelledby="live-title">
      <h2 id="live-title">Today so far <span class="live__date" id="live-date"></span></h2>
      <div class="live__figures" aria-live="polite">
        <p><span class="live__value" id="live-total">–</span> contacts</p>
        <p><span class="live__value" id="live-self-service">–</span> self-service</p>
        <p><span class="live__value" id="live-assisted">–</span> assisted</p>
        <p><span class="live__value" id="live-waiting">–</span> batches waiting in the queue</p>
      </div>
      <div class="table-wrap" id="live-table"></div>
      <p class="live__updated">Last update: <time id="live-updated">waiting for the first figures</time> <span id="live-state"></span></p>
    </section>
    <div class="cards">${[
      card('mix', `Contacts by channel, assisted and self-service, ${name}`, true),
      card('shift', `Self-service share by month, ${name}`),
      card('chatbot', `Chatbot and webchat by month, with chatbot containment, ${name}`),
      card('centres', `Contact centres side by side, ${name}`, true),
      card('services', `Services ranked by assisted contacts, ${name}`, true),
      card('costs', `Cost of contact by channel, ${name}`),
      card('tiers', `Cases by 3 Conversations tier (final tier), ${name}`),
      card('flows', `Flows between tiers (entry to final tier), ${name}`),
      card('baseline', `Tiers against the baseline, ${name}`),
    ].join('')}
    </div>
    <div class="cards" id="planning">${[
      card('forecast', 'Contacts forecast, next 13 weeks', true, FORECAST_CONTROLS),
      card('staffing', 'Advisers needed per half-hour', true, STAFFING_CONTROLS),
    ].join('')}
    </div>
    <section class="scorecard" aria-labelledby="scorecard-title">
      <h2 id="scorecard-title">Scorecard, ${esc(name)}</h2>
      <div class="table-wrap skeleton" id="scorecard"></div>
    </section>
  </main>
  <footer class="footer"><p>Figures from this service's API (<a href="/docs">API document</a>). Definitions: docs/definitions.md.</p></footer>
</body>
</html>`;
}

/** The statistics query string of a period. */
export function periodQuery(p: Period): string {
  return p.kind === 'range' ? `from=${p.from}&to=${p.to}` : `period=${p.label}`;
}
