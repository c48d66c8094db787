// @ts-check
import { categoryAxis, countAxis, draw, legend, noChart, percentAxis } from './charts.js';
import { count, label, money, month, percent, points, seconds } from './format.js';
import { direction, ragTag, table } from './tables.js';

/** Each card: its chart from the API's figures, and the same figures as a table. */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const put = (/** @type {string} */ id, /** @type {HTMLElement} */ t) => byId(`${id}-table`).replaceChildren(t);
const note = (/** @type {string} */ id, /** @type {string} */ text) => (byId(`${id}-note`).textContent = text);
const pct = (/** @type {number | null} */ s) => (s == null ? null : Math.round(s * 10000) / 100);

/** Stacked bar per channel: assisted vs self-service. @param {any} channels as GET /v1/stats/channels */
export function channelMix(channels) {
  const names = [...new Set(channels.channels.map((/** @type {any} */ c) => c.channel))];
  const of = (/** @type {string} */ h) => names.map((n) => channels.channels.find((/** @type {any} */ c) => c.channel === n && c.handling === h)?.count ?? 0);
  draw('mix', {
    legend,
    grid: { left: 70, right: 20, top: 20, bottom: 70 },
    xAxis: categoryAxis(names.map((n) => label(/** @type {string} */ (n))), names.length > 8 ? 30 : 0),
    yAxis: countAxis,
    series: [
      { name: 'Assisted', type: 'bar', stack: 'h', data: of('assisted') },
      { name: 'Self-service', type: 'bar', stack: 'h', data: of('self_service') },
    ],
  });
  note('mix', `Assisted ${count(channels.assisted.count)} (${percent(channels.assisted.share)}), self-service ${count(channels.selfService.count)} (${percent(channels.selfService.share)}).`);
  put('mix', table('Contacts by channel', ['Channel', 'Handling', 'Contacts', 'Share'],
    channels.channels.map((/** @type {any} */ c) => [label(c.channel), label(c.handling), count(c.count), percent(c.share)]), [2, 3]));
}

/** Self-service share by month, with the shift in points. @param {any} shift as GET /v1/stats/channel-shift */
export function selfServiceTrend(shift) {
  draw('shift', {
    grid: { left: 50, right: 20, top: 20, bottom: 40 },
    xAxis: categoryAxis(shift.series.map((/** @type {any} */ s) => month(s.from)), shift.series.length > 12 ? 45 : 30),
    yAxis: percentAxis,
    series: [{ name: 'Self-service share', type: 'line', data: shift.series.map((/** @type {any} */ s) => pct(s.selfServiceShare)), connectNulls: false, symbolSize: 7 }],
  });
  const known = shift.series.filter((/** @type {any} */ s) => s.selfServiceShare != null);
  if (known.length > 1) {
    note('shift', `Channel shift from ${month(known[0].from)} to ${month(known.at(-1).from)}: ${points((known.at(-1).selfServiceShare - known[0].selfServiceShare) * 100)}.`);
  }
  put('shift', table('Self-service share by month', ['Month', 'Contacts', 'Assisted', 'Self-service', 'Self-service share', 'Change'],
    shift.series.map((/** @type {any} */ s) => [month(s.from), count(s.total), count(s.assisted), count(s.selfService), percent(s.selfServiceShare), points(s.changePp)]),
    [1, 2, 3, 4, 5]));
}

/** Chatbot and webchat bars with the chatbot's containment. @param {any} chatbot as GET /v1/stats/chatbot */
export function chatbotAndWebchat(chatbot) {
  const contained = (/** @type {any} */ s) => (s.chatbot ? (s.chatbot - s.escalated) / s.chatbot : null);
  draw('chatbot', {
    legend,
    grid: { left: 60, right: 50, top: 20, bottom: 70 },
    xAxis: categoryAxis(chatbot.series.map((/** @type {any} */ s) => month(s.from)), chatbot.series.length > 12 ? 45 : 30),
    yAxis: [countAxis, { ...percentAxis, splitLine: { show: false } }],
    series: [
      { name: 'Chatbot', type: 'bar', data: chatbot.series.map((/** @type {any} */ s) => s.chatbot) },
      { name: 'Webchat', type: 'bar', data: chatbot.series.map((/** @type {any} */ s) => s.webchat) },
      { name: 'Containment', type: 'line', yAxisIndex: 1, data: chatbot.series.map((/** @type {any} */ s) => pct(contained(s))), symbolSize: 7 },
    ],
  });
  note('chatbot', `Chatbot ${count(chatbot.chatbot)}, escalated ${count(chatbot.escalated)}, containment ${percent(chatbot.containment)}; webchat ${count(chatbot.webchat)}.`);
  put('chatbot', table('Chatbot and webchat by month', ['Month', 'Chatbot', 'Escalated', 'Containment', 'Webchat'],
    chatbot.series.map((/** @type {any} */ s) => [month(s.from), count(s.chatbot), count(s.escalated), percent(contained(s)), count(s.webchat)]), [1, 2, 3, 4]));
}

/** Centres side by side: rates as grouped bars, waits and the rest in the table. @param {any} centres @param {Map<string, string>} names */
export function centresSideBySide(centres, names) {
  const rows = centres.centres.filter((/** @type {any} */ c) => c.contacts > 0);
  if (!rows.length) return noChart('centres', 'No contacts at any centre in this period.');
  const name = (/** @type {string | null} */ c) => (c == null ? 'No centre' : names.get(c) ?? c);
  const rate = (/** @type {string} */ key, /** @type {string} */ title) => ({ name: title, type: 'bar', data: rows.map((/** @type {any} */ c) => pct(c[key])) });
  draw('centres', {
    legend,
    grid: { left: 50, right: 20, top: 20, bottom: 70 },
    xAxis: { ...categoryAxis(rows.map((/** @type {any} */ c) => name(c.centre))), axisLabel: { interval: 0, width: 90, overflow: 'break', lineHeight: 14, color: '#0b0c0c', fontSize: 11 } },
    yAxis: percentAxis,
    series: [rate('serviceLevel', 'Service level'), rate('abandonmentRate', 'Abandonment'), rate('firstContactResolution', 'First-contact resolution'), rate('outOfHoursShare', 'Out of hours')],
  });
  put('centres', table('Contact centres', ['Centre', 'Contacts', 'Average wait', 'Service level', 'Abandonment', 'First-contact resolution', 'Out of hours', 'Satisfaction (mean, 1–5)'],
    centres.centres.map((/** @type {any} */ c) => [name(c.centre), count(c.contacts), seconds(c.averageSpeedOfAnswerSeconds), percent(c.serviceLevel), percent(c.abandonmentRate),
      percent(c.firstContactResolution), percent(c.outOfHoursShare), c.satisfaction.mean == null ? '–' : c.satisfaction.mean.toFixed(2)]), [1, 2, 3, 4, 5, 6, 7]));
}

/** Services ranked by assisted contacts (the channel-shift opportunities first). @param {any} services */
export function servicesRanked(services) {
  const top = services.services.slice(0, 12).reverse();
  draw('services', {
    legend,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 150, right: 30, top: 10, bottom: 50 },
    yAxis: { ...categoryAxis(top.map((/** @type {any} */ s) => label(s.service))), axisLabel: { width: 140, overflow: 'truncate', color: '#0b0c0c' } },
    xAxis: countAxis,
    series: [
      { name: 'Assisted', type: 'bar', stack: 's', data: top.map((/** @type {any} */ s) => s.assisted) },
      { name: 'Self-service', type: 'bar', stack: 's', data: top.map((/** @type {any} */ s) => s.selfService) },
    ],
  });
  if (services.services.length > 12) note('services', `The 12 services with the most assisted contacts; all ${services.services.length} are in the table.`);
  put('services', table('Services by assisted contacts', ['Service', 'Contacts', 'Assisted', 'Self-service', 'Self-service share', 'First-contact resolution', 'Repeat contact'],
    services.services.map((/** @type {any} */ s) => [label(s.service), count(s.contacts), count(s.assisted), count(s.selfService), percent(s.selfServiceShare), percent(s.firstContactResolution), percent(s.repeatContactRate)]),
    [1, 2, 3, 4, 5, 6]));
}

/** Cost of contact by channel, and cost avoided against the baseline. @param {any} costs @param {any} comparison or null */
export function costOfContact(costs, comparison) {
  const rows = costs.channels.filter((/** @type {any} */ c) => c.count > 0);
  draw('costs', {
    grid: { left: 70, right: 20, top: 20, bottom: 60 },
    xAxis: categoryAxis(rows.map((/** @type {any} */ c) => `${label(c.channel)}${c.handling === 'self_service' ? ' (self)' : ''}`), rows.length > 5 ? 30 : 0),
    yAxis: { ...countAxis, axisLabel: { ...countAxis.axisLabel, formatter: (/** @type {number} */ v) => money(v) } },
    series: [{ name: 'Cost', type: 'bar', data: rows.map((/** @type {any} */ c) => Math.round(c.cost)) }],
  });
  const avoided = comparison ? ` Cost avoided against the baseline "${comparison.baseline.name}": ${money(comparison.costAvoided)}.` : '';
  note('costs', `Estimated cost of contact ${money(costs.total)}.${avoided}`);
  put('costs', table('Cost of contact by channel', ['Channel', 'Handling', 'Contacts', 'Unit cost', 'Cost'],
    costs.channels.map((/** @type {any} */ c) => [label(c.channel), label(c.handling), count(c.count), `£${c.unitCost.toFixed(2)}`, money(c.cost)]), [2, 3, 4]));
}

/** Cases by final tier. @param {any} tiers as GET /v1/stats/tiers */
export function casesByTier(tiers) {
  if (!tiers.cases) return noChart('tiers', 'No cases in this period: send conversations to POST /v1/conversations.');
  draw('tiers', {
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    xAxis: categoryAxis(tiers.tiers.map((/** @type {any} */ t) => `Tier ${t.tier}`)),
    yAxis: countAxis,
    series: [{ name: 'Cases', type: 'bar', data: tiers.tiers.map((/** @type {any} */ t) => t.cases), colorBy: 'series' }],
  });
  note('tiers', `${count(tiers.cases)} cases; front-door resolution ${percent(tiers.frontDoorResolution)}; ${count(tiers.demandIntoAdultSocialCare)} into adult social care.`);
  put('tiers', table('Cases by final tier', ['Tier', 'Cases', 'Share'], tiers.tiers.map((/** @type {any} */ t) => [`Tier ${t.tier}`, count(t.cases), percent(t.share)]), [1, 2]));
}

/** Entry tier to final tier as a Sankey (each case once), with the step changes in the table. @param {any} flows */
export function tierFlows(flows) {
  if (!flows.journeys.length) return noChart('flows', 'No cases in this period.');
  const entry = (/** @type {number} */ t) => `Entry tier ${t}`;
  const final = (/** @type {number} */ t) => `Final tier ${t}`;
  const nodes = [...new Set(flows.journeys.flatMap((/** @type {any} */ j) => [entry(j.entry), final(j.final)]))].map((name) => ({ name }));
  draw('flows', {
    tooltip: { trigger: 'item', confine: true },
    series: [{
      type: 'sankey', left: 10, right: 110, top: 10, bottom: 10, nodeGap: 14, emphasis: { focus: 'adjacency' },
      label: { color: '#0b0c0c', fontSize: 11 }, lineStyle: { color: 'gradient', opacity: 0.35 },
      data: nodes,
      links: flows.journeys.map((/** @type {any} */ j) => ({ source: entry(j.entry), target: final(j.final), value: j.cases })),
    }],
  });
  put('flows', table('Cases by entry and final tier', ['Entry tier', 'Final tier', 'Cases'],
    flows.journeys.map((/** @type {any} */ j) => [`Tier ${j.entry}`, `Tier ${j.final}`, count(j.cases)]), [2]));
  byId('flows-table').append(table('Changes of tier between consecutive events', ['From tier', 'To tier', 'Changes'],
    flows.transitions.map((/** @type {any} */ t) => [`Tier ${t.from}`, `Tier ${t.to}`, count(t.count)]), [2]));
}

/** Tier shares against the baseline, significant changes marked (and named in the table). @param {any} comparison or null */
export function baselineComparison(comparison) {
  if (!comparison) return noChart('baseline', 'No baseline yet: an admin freezes one with POST /v1/baselines (see the API document).');
  const mark = (/** @type {any} */ t) => (t.significant ? '★' : '');
  draw('baseline', {
    legend,
    grid: { left: 50, right: 20, top: 24, bottom: 60 },
    xAxis: categoryAxis(comparison.tiers.map((/** @type {any} */ t) => `Tier ${t.tier}`)),
    yAxis: percentAxis,
    series: [
      { name: `Baseline (${comparison.baseline.name})`, type: 'bar', data: comparison.tiers.map((/** @type {any} */ t) => pct(t.baselineShare)) },
      { name: 'This period', type: 'bar', data: comparison.tiers.map((/** @type {any} */ t) => ({ value: pct(t.share), label: { show: !!mark(t), position: 'top', formatter: mark(t), color: '#0b0c0c' } })) },
    ],
  });
  const s = comparison.selfService;
  note('baseline', `★ marks a significant change (p < 0.05). Self-service share ${percent(s.share)} against ${percent(s.baselineShare)} (${points(s.changePp)}, ${s.significant ? 'significant' : 'not significant'}).`);
  put('baseline', table(`Tiers against the baseline "${comparison.baseline.name}"`, ['Tier', 'Baseline cases', 'Baseline share', 'Cases', 'Share', 'Change', 'p-value', 'Significant'],
    comparison.tiers.map((/** @type {any} */ t) => [`Tier ${t.tier}`, count(t.baselineCases), percent(t.baselineShare), count(t.cases), percent(t.share), points(t.changePp),
      t.pValue == null ? '–' : t.pValue < 0.001 ? '< 0.001' : t.pValue.toFixed(3), t.significant ? 'Significant' : 'Not significant']), [1, 2, 3, 4, 5, 6]));
}

/** The scorecard: RAG as a tag with its word, direction of travel as an arrow with its word. @param {any} kpis */
export function scorecard(kpis, /** @type {(v: number | null, unit: string) => string} */ inUnit) {
  const el = byId('scorecard');
  el.classList.remove('skeleton');
  if (!kpis.indicators.length) return void (el.textContent = 'No indicators are configured.');
  el.replaceChildren(table('Scorecard', ['Indicator', 'Value', 'Target', 'RAG', 'Direction of travel', 'Previous period', 'Same period last year'],
    kpis.indicators.map((/** @type {any} */ k) => [k.title, inUnit(k.value, k.unit), inUnit(k.target, k.unit), ragTag(k.rag), direction(k.directionOfTravel),
      inUnit(k.previous, k.unit), inUnit(k.samePeriodLastYear, k.unit)]), [1, 2, 5, 6]));
}
