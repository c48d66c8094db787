// @ts-check
/* global echarts */
/** ECharts in the browser, with the report's palette and type, one instance per card. */

/** @type {any} */
const lib = /** @type {any} */ (globalThis).echarts;
/** @type {any[]} */
const drawn = [];
const palette = (document.getElementById('main')?.dataset.palette ?? '').split(',');
addEventListener('resize', () => drawn.forEach((c) => c.resize()));

/** Draws `option` into the card's chart; answers the instance. @param {string} id @param {object} option */
export function draw(id, option) {
  const el = /** @type {HTMLElement} */ (document.getElementById(`${id}-chart`));
  el.classList.remove('skeleton');
  if (el.classList.contains('chart--empty')) {
    // Drawn after saying why there was no chart: the words go, the chart's role comes back.
    el.classList.remove('chart--empty');
    el.setAttribute('role', 'img');
    el.replaceChildren();
  }
  // Drawn again (after a key was asked for): the old instance goes first.
  const old = lib.getInstanceByDom(el);
  if (old) {
    old.dispose();
    drawn.splice(drawn.indexOf(old), 1);
  }
  const chart = lib.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    color: palette,
    textStyle: { fontFamily: 'Arial, Helvetica, sans-serif', color: '#0b0c0c' },
    tooltip: { trigger: 'axis', confine: true },
    ...option,
    series: withBarWidth(/** @type {any} */ (option).series),
  });
  drawn.push(chart);
  el.dataset.drawn = 'true';
  return chart;
}

/** Bars no wider than a thumb: one service or one centre must not fill the card. @param {any} series */
function withBarWidth(series) {
  return (Array.isArray(series) ? series : [series]).filter(Boolean).map((s) => (s.type === 'bar' ? { barMaxWidth: 56, ...s } : s));
}

/** A card without a chart: says why, in the chart's place. @param {string} id @param {string} text */
export function noChart(id, text) {
  const el = /** @type {HTMLElement} */ (document.getElementById(`${id}-chart`));
  el.classList.remove('skeleton');
  const old = lib.getInstanceByDom(el);
  if (old) {
    old.dispose();
    drawn.splice(drawn.indexOf(old), 1);
  }
  el.classList.add('chart--empty');
  el.removeAttribute('role');
  el.textContent = text;
}

/** The axis and legend settings most cards share. @param {string[]} categories */
export function categoryAxis(categories, rotate = 0) {
  return { type: 'category', data: categories, axisLabel: { interval: 0, rotate, fontSize: 11, color: '#0b0c0c' } };
}

export const legend = { bottom: 0, textStyle: { color: '#0b0c0c' } };
export const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', color: '#0b0c0c' } };
export const countAxis = {
  type: 'value',
  axisLabel: { color: '#0b0c0c', formatter: (/** @type {number} */ v) => new Intl.NumberFormat('en-GB', { notation: v >= 1e4 ? 'compact' : 'standard' }).format(v) },
};
