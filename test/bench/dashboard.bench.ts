/// <reference lib="dom" />
/**
 * Dashboard benchmark: `npm run bench:dashboard [-- --size=10000000 --iterations=5 --streams=100 --keep]`.
 *
 * Loads bench:stats' synthetic FY2021-22 into its own database (ca_bench_dash_*), starts the real
 * app (API and worker in this process) and measures, in Debian's Chromium at 1366×768:
 * - the time from navigation to every chart drawn for the financial year (target < 1.5 s);
 * - the live lag: a batch of contacts for today counted → the "today so far" panel showing it (target < 2 s);
 * - the database cost of the live view: today's reads for one batch with 1 and with `streams` open streams.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { LiveService } from '../../src/live/live.service';
import { launchChromium } from '../support/browser';
import { LiveStream, openLive } from '../support/live-stream';
import { percentile, saveResult } from './bench-support';
import { measureAtEachSize, sizeLabel } from './synthetic-year';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const SIZE = Number(args.size ?? 10_000_000);
const ITERATIONS = Number(args.iterations ?? 5);
const STREAMS = Number(args.streams ?? 100);
/** Charts drawn on the last load (the synthetic year has no 3 Conversations cases: those cards say so instead). */
let drawn = 0;
/** Chart cards on the page. */
let cards = 0;

let sent = 0;

/** Posts a batch of contacts made a minute ago; answers when it was posted and when the worker had counted it. */
async function countBatch(base: string, n: number): Promise<{ posted: number; counted: number }> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const events = Array.from({ length: n }, (_, i) => ({ id: `bench-live-${sent + i}`, occurredAt: at, channel: i % 2 ? 'telephony' : 'online' }));
  sent += n;
  const posted = Date.now();
  const res = await fetch(`${base}/v1/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  const { batchId } = (await res.json()) as { batchId: string };
  for (;;) {
    const status = (await (await fetch(`${base}/v1/ingestion/batches/${batchId}`)).json()) as { state: string };
    if (status.state === 'completed') return { posted, counted: Date.now() };
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Milliseconds from navigation to every chart drawn. */
async function timeToCharts(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  // Every card settled (drawn, or saying why it has no chart), then one frame so the canvases are painted.
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && !document.querySelector('.chart.skeleton'), undefined, { timeout: 60_000, polling: 'raf' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  const elapsed = Date.now() - started;
  drawn = await page.$$eval('.chart[data-drawn="true"] canvas', (c) => c.length);
  cards = await page.$$eval('.chart', (c) => c.length);
  return elapsed;
}

/** Milliseconds from a batch counted (as its status first says, polled every 10 ms) and from it being posted, to the live panel showing it. */
async function liveLag(page: Page, base: string): Promise<{ counted: number; posted: number }> {
  await page.waitForFunction(() => document.querySelector('#live-total')?.textContent !== '–');
  const before = Number((await page.textContent('#live-total'))!.replace(/,/g, ''));
  const shown = page.waitForFunction((n) => document.querySelector('#live-total')?.textContent === n, (before + 50).toLocaleString('en-GB'), { timeout: 30_000, polling: 'raf' });
  const { posted, counted } = await countBatch(base, 50);
  await shown;
  const now = Date.now();
  return { counted: Math.max(0, now - counted), posted: now - posted };
}

/** Today's reads for one counted batch with `n` streams open. */
async function readsPerBatch(app: INestApplication, base: string, n: number): Promise<number> {
  const live = app.get(LiveService);
  const streams: LiveStream[] = [];
  for (let i = 0; i < n; i++) streams.push(await openLive(base));
  await Promise.all(streams.map((s) => (s.events.length ? Promise.resolve() : s.next(() => true))));
  const target = streams[0].events.at(-1)!.data.total + 10;
  const before = live.todayQueries;
  const moved = Promise.all(streams.map((s) => s.next((e) => e.data.total === target, 30_000)));
  await countBatch(base, 10);
  await moved;
  await new Promise((r) => setTimeout(r, 500));
  streams.forEach((s) => s.close());
  return live.todayQueries - before;
}

async function main(): Promise<void> {
  const config = loadReferenceConfig('config');
  await measureAtEachSize('dash', [SIZE], config, async ({ app, baseUrl: base }) => {
    await fetch(`${base}/v1/baselines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', period: '2021-04' }) });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const cold = await timeToCharts(page, `${base}/?period=FY2021-22`);
      const warm: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) warm.push(await timeToCharts(page, `${base}/?period=FY2021-22`));
      const lags: number[] = [];
      const fromPost: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const lag = await liveLag(page, base);
        lags.push(lag.counted);
        fromPost.push(lag.posted);
      }
      await page.close();
      const one = await readsPerBatch(app, base, 1);
      const many = await readsPerBatch(app, base, STREAMS);
      warm.sort((a, b) => a - b);
      lags.sort((a, b) => a - b);
      fromPost.sort((a, b) => a - b);
      const size = sizeLabel(SIZE);
      saveResult('dashboard', [
        `Dashboard benchmark, FY2021-22 at ${size} contacts, Chromium at 1366×768, ${ITERATIONS} runs each`,
        '',
        '| measure | result | target |',
        '|---|---:|---:|',
        `| charts drawn (of ${cards} cards) | ${drawn} | |`,
        `| every chart drawn, first load (ms) | ${cold} | < 1,500 |`,
        `| every chart drawn, reload p50 / max (ms) | ${percentile(warm, 50)} / ${warm.at(-1)} | < 1,500 |`,
        `| live lag, batch counted → panel updated, p50 / max (ms) | ${percentile(lags, 50)} / ${lags.at(-1)} | < 2,000 |`,
        `| batch posted → panel updated (queue and counting included), p50 / max (ms) | ${percentile(fromPost, 50)} / ${fromPost.at(-1)} | |`,
        `| today's reads for one batch, 1 stream | ${one} | |`,
        `| today's reads for one batch, ${STREAMS} streams | ${many} | same as 1 stream |`,
      ].join('\n'));
    } finally {
      await browser.close();
    }
  }, { keep: args.keep === 'true', env: { APP_ROLE: 'all' } });
}

main().catch((e: Error) => {
  console.error(`bench:dashboard failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
