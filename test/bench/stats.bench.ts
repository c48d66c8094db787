/**
 * Statistics read benchmark: `npm run bench:stats [-- --sizes=1000000,10000000 --iterations=200 --keep]`.
 *
 * Creates its own database (ca_bench_stats_*) on the server of BENCH_DATABASE_URL (else
 * TEST_DATABASE_URL, else local), runs the migrations, loads contacts over FY2021-22 with SQL
 * generate_series (not through the HTTP ingestion path: that is bench:ingest's subject), builds
 * the aggregates with the reaggregate code, then calls every statistics endpoint through the
 * real HTTP app (APP_ROLE=api) and prints p50/p95 per endpoint and period for each size.
 */
import 'reflect-metadata';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { saveResult } from './bench-support';
import { measureAtEachSize, sizeLabel } from './synthetic-year';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const SIZES = (args.sizes ?? '1000000,10000000').split(',').map(Number);
const ITERATIONS = Number(args.iterations ?? 200);
const KEEP = args.keep === 'true';

const ENDPOINTS = ['channels', 'channel-shift', 'chatbot', 'centres', 'services', 'costs'];
const PERIODS: [string, string][] = [
  ['FY2021-22', 'period=FY2021-22'],
  ['month 2021-11', 'period=2021-11'],
  ['range 2021-05-15..2021-08-10', 'from=2021-05-15&to=2021-08-10'],
];


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(base: string): Promise<Map<string, { p50: number; p95: number }>> {
  const out = new Map<string, { p50: number; p95: number }>();
  for (const endpoint of ENDPOINTS) {
    for (const [label, query] of PERIODS) {
      const url = `${base}/v1/stats/${endpoint}?${query}`;
      for (let i = 0; i < 5; i++) await (await fetch(url)).arrayBuffer(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const started = process.hrtime.bigint();
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      out.set(`${endpoint}\u0000${label}`, { p50: percentile(times, 50), p95: percentile(times, 95) });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const config = loadReferenceConfig('config');
  const measured = await measureAtEachSize('stats', SIZES, config, async (year) => {
    const notes =
      `${year.size.toLocaleString('en-GB')} contacts: loaded in ${year.loadSeconds.toFixed(0)} s; reaggregate ${year.aggregateSeconds.toFixed(0)} s ` +
      `-> ${year.aggregated.contactStatsRows.toLocaleString('en-GB')} contact_stats rows, ${year.aggregated.handoffStatsRows.toLocaleString('en-GB')} handoff_stats rows`;
    console.log(notes);
    return { stats: await measure(year.baseUrl), notes };
  }, { keep: KEEP });
  const results = measured.map(({ size, result }) => ({ size, ...result }));
  const fmt = (n: number) => n.toFixed(1).padStart(6);
  const lines = [
    `| endpoint | period | ${results.map((r) => `${sizeLabel(r.size)} p50 ms | ${sizeLabel(r.size)} p95 ms`).join(' | ')} |`,
    `|---|---|${results.map(() => '---:|---:').join('|')}|`,
  ];
  for (const endpoint of ENDPOINTS) {
    for (const [label] of PERIODS) {
      const cells = results.map((r) => {
        const s = r.stats.get(`${endpoint}\u0000${label}`)!;
        return `${fmt(s.p50)} | ${fmt(s.p95)}`;
      });
      lines.push(`| ${endpoint} | ${label} | ${cells.join(' | ')} |`);
    }
  }
  const report = [
    `Statistics benchmark, ${ITERATIONS} sequential HTTP calls per endpoint and period (after 5 warm-up calls)`,
    ...results.map((r) => `- ${r.notes}`),
    '',
    ...lines,
  ].join('\n');
  saveResult('stats', report);
}

main().catch((e: Error) => {
  console.error(`bench:stats failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
