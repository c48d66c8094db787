// @ts-check
import { ApiFailure, download, forgetKey, getJson, keepKey, saveBlob, takeKeyFromFragment } from './api.js';
import * as cards from './cards.js';
import { count, inUnit, money, percent, points, signed } from './format.js';
import { planning } from './forecast.js';
import { followLive } from './live.js';
import { pageCsv, ragTag } from './tables.js';

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const view = byId('main').dataset;
const centres = new Map(/** @type {Array<[string, string]>} */ (JSON.parse(view.centres ?? '[]')));
const periodQuery = view.periodKind === 'range' ? `from=${view.from}&to=${view.to}` : `period=${view.periodLabel}`;
const previousQuery = `from=${view.previousFrom}&to=${view.previousTo}`;
const centreQuery = view.centre ? `&centre=${encodeURIComponent(view.centre)}` : '';

/** Every figure of the view; with a centre, the filtered endpoints stand in for the (unfiltered) summary. */
async function figures() {
  const summary = view.centre ? filteredSummary() : getJson(`/v1/stats/summary?${periodQuery}`);
  const [stats, previous, kpis, flows, comparisons] = await Promise.all([
    summary,
    getJson(`/v1/stats/channels?${previousQuery}${centreQuery}`),
    getJson(`/v1/kpis?${periodQuery}`),
    getJson(`/v1/stats/tiers/flows?${periodQuery}`),
    baselineComparisons(),
  ]);
  return { stats, previous, kpis, flows, ...comparisons };
}

async function filteredSummary() {
  const get = (/** @type {string} */ path) => getJson(`/v1/stats/${path}?${periodQuery}${centreQuery}`);
  const [channels, channelShift, chatbot, centreStats, services, costs, tiers] = await Promise.all([
    get('channels'), get('channel-shift'), get('chatbot'), get('centres'), get('services'), get('costs'), getJson(`/v1/stats/tiers?${periodQuery}`),
  ]);
  const allCentres = centreStats.centres.find((/** @type {any} */ c) => c.centre === view.centre) ?? null;
  return { channels, channelShift, chatbot, centres: centreStats, allCentres, services, costs, tiers };
}

/** The newest baseline against this period and the previous one (cost avoided and its change); nulls without one. */
async function baselineComparisons() {
  const { baselines } = await getJson('/v1/baselines');
  const newest = baselines.at(-1);
  if (!newest) return { comparison: null, previousComparison: null };
  const path = `/v1/baselines/${encodeURIComponent(newest.name)}/comparison`;
  const [comparison, previousComparison] = await Promise.all([getJson(`${path}?${periodQuery}`), getJson(`${path}?${previousQuery}`)]);
  return { comparison, previousComparison };
}

/** One headline tile: value, change against the previous period, and a RAG tag where there is a target. */
function tile(/** @type {string} */ id, /** @type {string} */ value, /** @type {string} */ change, /** @type {any} */ kpi = undefined) {
  const el = byId(`tile-${id}`);
  el.classList.remove('skeleton');
  byId(`tile-${id}-value`).textContent = value;
  const changeEl = byId(`tile-${id}-change`);
  changeEl.replaceChildren(...(kpi && kpi.target != null ? [ragTag(kpi.rag), ' '] : []), change);
}

/** @param {any} f */
function tiles(f) {
  const { stats, previous, kpis } = f;
  const kpi = (/** @type {string} */ id) => (view.centre ? undefined : kpis.indicators.find((/** @type {any} */ k) => k.id === id));
  const vs = `vs ${view.previousName}`;
  const total = stats.channels.total;
  const totalChange = previous.total ? `${signed(total - previous.total)} (${signed(Math.round(((total - previous.total) / previous.total) * 1000) / 10)}%) ${vs}` : `No contacts ${vs}`;
  tile('total', count(total), totalChange);
  const share = stats.channels.selfService.share;
  const before = previous.selfService.share;
  tile('self-service', percent(share), share != null && before != null ? `${points((share - before) * 100)} ${vs}` : `– ${vs}`, kpi('self_service_share'));
  const rate = (/** @type {string} */ tileId, /** @type {string} */ kpiId, /** @type {number | null} */ value) => {
    const k = kpi(kpiId);
    const change = k && value != null && k.previous != null ? `${points((value - k.previous) * 100)} ${vs}` : view.centre ? 'All-centre change and RAG on the scorecard' : `– ${vs}`;
    tile(tileId, percent(value), change, k);
  };
  rate('containment', 'chatbot_containment', stats.chatbot.containment);
  rate('fcr', 'first_contact_resolution', stats.allCentres?.firstContactResolution ?? null);
  rate('abandonment', 'abandonment_rate', stats.allCentres?.abandonmentRate ?? null);
  const avoided = f.comparison?.costAvoided ?? null;
  const earlier = f.previousComparison?.costAvoided ?? null;
  tile('cost-avoided', money(avoided), !f.comparison ? 'No baseline yet' : avoided != null && earlier != null ? `${avoided - earlier >= 0 ? '+' : '−'}${money(Math.abs(avoided - earlier))} ${vs}` : `against "${f.comparison.baseline.name}"`);
}

/** @param {any} f */
function render(f) {
  tiles(f);
  if (!f.stats.channels.total) {
    byId('empty').hidden = false;
    // The forecast too: a period without contacts has none to forecast from.
    document.querySelectorAll('.cards').forEach((c) => c.setAttribute('hidden', ''));
  } else {
    cards.channelMix(f.stats.channels);
    cards.selfServiceTrend(f.stats.channelShift);
    cards.chatbotAndWebchat(f.stats.chatbot);
    cards.centresSideBySide(f.stats.centres, centres);
    cards.servicesRanked(f.stats.services);
    cards.costOfContact(f.stats.costs, f.comparison);
    cards.casesByTier(f.stats.tiers);
    cards.tierFlows(f.flows);
    cards.baselineComparison(f.comparison);
    void planning(f.stats.channels.channels.map((/** @type {any} */ c) => c.channel));
  }
  cards.scorecard(f.kpis, inUnit);
  document.body.dataset.state = f.stats.channels.total ? 'ready' : 'empty';
}

/** What failed and what to try; the skeletons stop (never a shimmer forever). @param {string} text */
function showError(text) {
  const el = byId('error');
  el.hidden = false;
  el.textContent = text;
  for (const s of document.querySelectorAll('.skeleton')) s.classList.remove('skeleton');
  document.body.dataset.state = 'error';
}

/** Asks once for a read key; a refused key is forgotten and asked for again. @param {string} why */
function askForKey(why) {
  forgetKey();
  const form = /** @type {HTMLFormElement} */ (byId('key-form'));
  form.hidden = false;
  const hint = form.querySelector('.hint');
  if (hint) hint.textContent = `${why} The key is kept in this browser tab only (session storage).`;
  const input = /** @type {HTMLInputElement} */ (byId('api-key'));
  input.focus();
  document.body.dataset.state = 'key';
  form.onsubmit = (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    keepKey(input.value.trim());
    form.hidden = true;
    void start();
  };
}

async function start() {
  byId('error').hidden = true;
  try {
    render(await figures());
  } catch (e) {
    if (e instanceof ApiFailure && (e.status === 401 || e.status === 403)) {
      return askForKey(e.status === 401 ? 'This service needs an API key with read access.' : 'That key lacks read access: enter a read key.');
    }
    return showError(`The figures could not be loaded (${e instanceof Error ? e.message : String(e)}). Check that the service, its database and Redis are up (/health/ready), then reload the page.`);
  }
  void followLive((status) => askForKey(status === 401 ? 'The live view needs a read key.' : 'That key lacks read access.'));
}

/** Report downloads go through fetch (a link cannot carry the key); this view's CSV is built from its tables. */
function wireDownloads() {
  for (const a of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll('a[data-download]'))) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      if (a.dataset.download === 'view') {
        saveBlob(new Blob([pageCsv()], { type: 'text/csv' }), `dashboard-${view.from}-${view.to}.csv`);
        return;
      }
      download(a.getAttribute('href') ?? '').catch((err) => showError(`The download failed (${err.message}).`));
    });
  }
}

/** The period and centre pickers apply on change: the URL keeps the view, so it can be shared. */
function wirePickers() {
  const period = /** @type {HTMLSelectElement} */ (byId('period'));
  const centre = /** @type {HTMLSelectElement} */ (byId('centre'));
  const go = () => {
    const query = new URLSearchParams(period.value ? { period: period.value } : { from: view.from ?? '', to: view.to ?? '' });
    if (centre.value) query.set('centre', centre.value);
    // The forecast's channel and staffing target stay; its day follows the new period.
    const kept = new URLSearchParams(location.search);
    for (const k of ['forecastChannel', 'serviceLevel', 'answerSeconds', 'shrinkage']) if (kept.has(k)) query.set(k, kept.get(k) ?? '');
    location.search = query.toString();
  };
  period.addEventListener('change', () => period.value && go());
  centre.addEventListener('change', go);
}

/** Printing shows every table, closed disclosures included. */
addEventListener('beforeprint', () => document.querySelectorAll('details.card__table').forEach((d) => d.setAttribute('open', '')));

takeKeyFromFragment();
wireDownloads();
wirePickers();
if (view.problem) showError(`This view cannot be shown: ${view.problem}. Pick a period and centre above.`);
else void start();
