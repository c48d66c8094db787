import * as echarts from 'echarts';
import { CHART_PALETTE } from '../common/palette';
import type { ReportChart } from './report-model';

/** A band as ECharts draws one: an invisible line at the low end, and the width above it stacked and shaded. */
function bandSeries(band: NonNullable<ReportChart['band']>): object[] {
  const plain = { type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, silent: true };
  return [
    { ...plain, name: band.name, data: band.low },
    { ...plain, name: band.name, data: band.high.map((h, i) => (h === null || band.low[i] === null ? null : h - band.low[i]!)), areaStyle: { opacity: 0.25, color: CHART_PALETTE[0] } },
  ];
}

/**
 * A chart as an SVG string, drawn on the server by Apache ECharts (no script, no fonts or
 * anything else from other hosts): the same library the dashboard can use in the browser.
 */
export function chartSvg(chart: ReportChart, width = 640, height = 260): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // Slant the category labels when they would not fit side by side (about 6 px a character at 10 px).
    const longest = Math.max(0, ...chart.categories.map((c) => c.length));
    const rotate = chart.categories.length * longest * 6 > width - 90 ? 30 : 0;
    const asPercent = (v: number) => (chart.shares ? `${Math.round(v * 1000) / 10}%` : v.toLocaleString('en-GB'));
    instance.setOption({
      animation: false,
      color: [...CHART_PALETTE],
      textStyle: { fontFamily: 'Arial, Helvetica, sans-serif' },
      title: { text: chart.title, left: 'center', textStyle: { fontSize: width < 400 ? 11 : 13, width: width - 20, overflow: 'break' } },
      legend: chart.series.length > 1 ? { bottom: 0 } : undefined,
      grid: { left: 70, right: 24, top: chart.title.length * 6.5 > width - 20 ? 50 : 36, bottom: (chart.series.length > 1 ? 20 : 0) + (rotate ? 56 : 36) },
      xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, rotate, fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { formatter: asPercent, fontSize: 10 }, ...(chart.shares ? { max: 1, min: 0 } : {}) },
      series: [
        ...(chart.band ? bandSeries(chart.band) : []),
        ...chart.series.map((s) => ({ name: s.name, type: chart.kind, data: s.values, connectNulls: false })),
      ],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
