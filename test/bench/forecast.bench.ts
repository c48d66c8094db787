/**
 * Forecast benchmark: `npm run bench:forecast [-- --sizes=1000000,10000000 --keep]`.
 *
 * Loads the synthetic FY2021-22 of bench:stats into its own database (ca_bench_forecast_*), then
 * asks the real HTTP app (APP_ROLE=api), for every centre × channel, for 13 weeks of half-hourly
 * forecast from 2022-01-03 (a model built from the history: cold) and again (cached), then the
 * staffing of a day a week later (its own model: cold) and again (cached). Prints p50/p95/max.
 * Target: cold under 1 s for one centre and channel, cached near-instant.
 */
import 'reflect-metadata';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { percentile, saveResult } from './bench-support';
import { measureAtEachSize, sizeLabel } from './synthetic-year';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const SIZES = (args.sizes ?? '1000000,10000000').split(',').map(Number);
const KEEP = args.keep === 'true';
const FROM = '2022-01-03';
const TO = '2022-04-03'; // 13 weeks on
const STAFFED = '2022-01-10';
const KINDS = ['forecast cold', 'forecast cached', 'staffing cold', 'staffing cached'] as const;
type Kind = (typeof KINDS)[number];

async function timed(url: string): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function measure(base: string, centres: readonly string[], channels: readonly string[]): Promise<Map<Kind, number[]>> {
  const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  await timed(`${base}/v1/staffing/erlang?contacts=100&ahtSeconds=180`); // warm-up of the HTTP path
  for (const centre of centres) {
    for (const channel of channels) {
      const sel = `channel=${channel}&centre=${centre}`;
      const forecast = `${base}/v1/forecast?${sel}&from=${FROM}&to=${TO}&interval=half_hour`;
      const staffing = `${base}/v1/staffing?${sel}&date=${STAFFED}`;
      times.get('forecast cold')!.push(await timed(forecast));
      times.get('forecast cached')!.push(await timed(forecast));
      times.get('staffing cold')!.push(await timed(staffing));
      times.get('staffing cached')!.push(await timed(staffing));
    }
  }
  for (const t of times.values()) t.sort((a, b) => a - b);
  return times;
}

async function main(): Promise<void> {
  const config = loadReferenceConfig('config');
  const channels = [...config.channelByName.keys()];
  const results = (
    await measureAtEachSize('forecast', SIZES, config, ({ baseUrl }) => measure(baseUrl, config.centreNames, channels), { keep: KEEP })
  ).map(({ size, result }) => ({ size, times: result }));
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  const report = [
    `Forecast benchmark, FY2021-22, one call per centre × channel (${config.centreNames.length * channels.length}); ` +
      `forecast: 13 weeks half-hourly from ${FROM}; staffing: ${STAFFED}`,
    '',
    `| call | ${results.map((r) => `${sizeLabel(r.size)} p50 ms | p95 ms | max ms`).join(' | ')} |`,
    `|---|${results.map(() => '---:|---:|---:').join('|')}|`,
    ...KINDS.map((k) => `| ${k} | ${results.map((r) => {
      const t = r.times.get(k)!;
      return `${fmt(percentile(t, 50))} | ${fmt(percentile(t, 95))} | ${fmt(t[t.length - 1])}`;
    }).join(' | ')} |`),
  ].join('\n');
  saveResult('forecast', report);
}

main().catch((e: Error) => {
  console.error(`bench:forecast failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
