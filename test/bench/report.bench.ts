/**
 * Report benchmark: `npm run bench:report [-- --sizes=1000000,10000000 --iterations=50 --keep]`.
 *
 * Loads the synthetic FY2021-22 of bench:stats into its own database (ca_bench_report_*), then
 * asks the real HTTP app (APP_ROLE=api) for the financial year's Customer Experience report in
 * every format, and for the calls it is built from, and prints p50/p95 of each per size.
 * Target: json/md/csv p95 < 150 ms, html and docx < 400 ms.
 */
import 'reflect-metadata';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { readWebsiteYears } from '../../src/seed/website';
import { percentile, saveResult } from './bench-support';
import { measureAtEachSize, sizeLabel } from './synthetic-year';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const SIZES = (args.sizes ?? '1000000,10000000').split(',').map(Number);
const ITERATIONS = Number(args.iterations ?? 50);
const KEEP = args.keep === 'true';
const PERIOD = 'period=FY2021-22';

/** The report in each format, then what it is built from. */
const CALLS: [string, string][] = [
  ...['json', 'md', 'csv', 'html', 'docx'].map((f): [string, string] => [`report ${f}`, `/v1/reports/customer-experience?${PERIOD}&format=${f}`]),
  ['stats summary', `/v1/stats/summary?${PERIOD}`],
  ['stats channels by source', `/v1/stats/channels?${PERIOD}&by=source`],
  ['kpis', `/v1/kpis?${PERIOD}`],
  ['baseline comparison', `/v1/baselines/bench/comparison?${PERIOD}`],
  ['web analytics', '/v1/web-analytics'],
];


async function measure(base: string): Promise<Map<string, { p50: number; p95: number }>> {
  const out = new Map<string, { p50: number; p95: number }>();
  for (const [name, path] of CALLS) {
    for (let i = 0; i < 3; i++) await (await fetch(base + path)).arrayBuffer(); // warm-up (the first docx loads WebAssembly and fonts)
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const started = process.hrtime.bigint();
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    out.set(name, { p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  return out;
}

/** Reported inputs a real report has: website years, a compliments count per quarter, a baseline. */
async function seedInputs(base: string): Promise<void> {
  const send = async (method: string, path: string, body: object) => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}`);
  };
  for (const { year, ...counts } of readWebsiteYears()) await send('PUT', `/v1/web-analytics/${year}`, counts);
  for (const [quarter, value] of [['FY2021-22-Q4', 90], ['FY2021-22-Q3', 84], ['FY2020-21-Q4', 98]] as const) {
    await send('PUT', `/v1/indicators/compliments_received/values/${quarter}`, { value, performance: 'Benchmark commentary.' });
  }
  await send('POST', '/v1/baselines', { name: 'bench', period: '2021-04' });
}

async function main(): Promise<void> {
  const config = loadReferenceConfig('config');
  const results = (
    await measureAtEachSize('report', SIZES, config, async ({ baseUrl, first }) => {
      if (first) await seedInputs(baseUrl);
      return measure(baseUrl);
    }, { keep: KEEP })
  ).map(({ size, result }) => ({ size, times: result }));
  const fmt = (n: number) => n.toFixed(1).padStart(6);
  const report = [
    `Report benchmark, FY2021-22, ${ITERATIONS} sequential HTTP calls each (after 3 warm-up calls)`,
    '',
    `| call | ${results.map((r) => `${sizeLabel(r.size)} p50 ms | ${sizeLabel(r.size)} p95 ms`).join(' | ')} |`,
    `|---|${results.map(() => '---:|---:').join('|')}|`,
    ...CALLS.map(([name]) => `| ${name} | ${results.map((r) => `${fmt(r.times.get(name)!.p50)} | ${fmt(r.times.get(name)!.p95)}`).join(' | ')} |`),
  ].join('\n');
  saveResult('report', report);
}

main().catch((e: Error) => {
  console.error(`bench:report failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
